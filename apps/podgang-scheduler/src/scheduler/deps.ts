/** What the scheduling cycle, the binder and the event handlers share (built once in start.ts). */
import type { V1Node, V1Pod, V1PriorityClass } from '@kubernetes/client-node';
import type { PodGang } from '@grove/api';
import type { Logger } from '@grove/telemetry';
import type { Clock } from '@grove/watch-sdk';
import type { SharedInformer } from '@grove/watch-sdk/informer';
import type { EventRecorder } from '@grove/watch-sdk/writes';
import type { PlacementOptions } from '@grove/placement';
import type { Limiter } from './bind.js';
import type { ClusterState } from './cluster-state.js';
import type { SchedulerMetrics } from './metrics.js';
import type { SchedulingQueue } from './scheduling-queue.js';
import type { KeyedChain, SchedulerWrites } from './writes.js';

/** Index of pods by `<namespace>/<grove.io/podgang>`. */
export const GANG_INDEX = 'podGang';

export interface SchedulerInformers {
  readonly pods: SharedInformer<V1Pod>;
  readonly nodes: SharedInformer<V1Node>;
  readonly gangs: SharedInformer<PodGang>;
  readonly priorityClasses: SharedInformer<V1PriorityClass>;
}

export interface SchedulerDeps {
  readonly schedulerName: string;
  readonly informers: SchedulerInformers;
  readonly state: ClusterState;
  readonly queue: SchedulingQueue;
  readonly writes: SchedulerWrites;
  readonly events: EventRecorder;
  readonly metrics: SchedulerMetrics;
  readonly clock: Clock;
  readonly now: () => Date;
  readonly logger: Logger;
  /** Bindings in flight, over all gangs. */
  readonly bindLimiter: Limiter;
  /** Status writes per object, in order. */
  readonly statusChain: KeyedChain;
  readonly placement: PlacementOptions;
  /** When each gang was first found ready (clock ms), for the latency histogram. */
  readonly readySince: Map<string, number>;
  /** The last failure message reported per object, so Events and pod status are written on change only. */
  readonly lastFailure: Map<string, string>;
  /** Asks for a scheduling cycle soon. */
  readonly wake: () => void;
}
