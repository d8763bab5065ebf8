/**
 * Builds and starts the scheduler: one manager (informers, leader election, the scheduling loop
 * and the PodGang phase controller), the writers, and the in-memory snapshot and queue.
 */
import type { V1Node, V1Pod, V1PriorityClass } from '@kubernetes/client-node';
import type { Registry } from 'prom-client';
import { PodGangGVK, type PodGang } from '@grove/api';
import { ClusterSnapshot, type PlacementOptions } from '@grove/placement';
import { systemClock, type Clock } from '@grove/watch-sdk';
import type { InformerCache } from '@grove/watch-sdk/informer';
import { createManager, startManager, type ManagerHost } from '@grove/watch-sdk/manager';
import { BUILTIN } from '@grove/watch-sdk/watch';
import { EventRecorder, kubeEventSink, ObjectWriter } from '@grove/watch-sdk/writes';
import { Limiter } from './scheduler/bind.js';
import { ClusterState } from './scheduler/cluster-state.js';
import { GANG_INDEX, type SchedulerDeps, type SchedulerInformers } from './scheduler/deps.js';
import { schedulerMetrics } from './scheduler/metrics.js';
import { gangNameOf } from './scheduler/pod-facts.js';
import { addPhaseController } from './scheduler/phase-controller.js';
import { addSchedulerController, SchedulerLoop } from './scheduler/scheduler-controller.js';
import { SchedulingQueue } from './scheduler/scheduling-queue.js';
import { nodeTransform, podTransform } from './scheduler/slim.js';
import { KeyedChain, kubeSchedulerWrites } from './scheduler/writes.js';

/** The field manager of every write. */
export const FIELD_MANAGER = 'grove-podgang-scheduler';

export interface SchedulerOptions {
  readonly schedulerName: string;
  /** Where the Lease `podgang-scheduler-<schedulerName>` lives; absent = no leader election. */
  readonly leaderElectionNamespace?: string | undefined;
  readonly placement?: PlacementOptions;
  /** Bindings in flight at once, over all gangs. Default 32. */
  readonly bindConcurrency?: number;
  /** For tests. */
  readonly clock?: Clock;
}

export function leaseName(schedulerName: string): string {
  return `podgang-scheduler-${schedulerName}`;
}

function schedulerInformers(cache: InformerCache, schedulerName: string): SchedulerInformers {
  const byGang = (pod: V1Pod): readonly string[] => {
    const gang = gangNameOf(pod);
    return gang === undefined ? [] : [`${pod.metadata?.namespace ?? ''}/${gang}`];
  };
  return {
    // Every node and every pod of the cluster: whoever scheduled a pod, it books capacity.
    nodes: cache.informer<V1Node>(BUILTIN.nodes, { transform: nodeTransform() }),
    pods: cache.informer<V1Pod>(BUILTIN.pods, { transform: podTransform(schedulerName), indexers: { [GANG_INDEX]: byGang } }),
    gangs: cache.informer<PodGang>(PodGangGVK),
    priorityClasses: cache.informer<V1PriorityClass>(BUILTIN.priorityClasses),
  };
}

export async function startScheduler(host: ManagerHost, options: SchedulerOptions, registry: Registry): Promise<void> {
  const { schedulerName, leaderElectionNamespace: lease } = options;
  const manager = createManager(host, { registry, ...(lease !== undefined && { leaderElection: { namespace: lease, name: leaseName(schedulerName) } }) });
  const queue = new SchedulingQueue(options.clock ?? systemClock);
  const loop = new SchedulerLoop(() => deps);
  const deps: SchedulerDeps = {
    schedulerName,
    informers: schedulerInformers(manager.informers, schedulerName),
    state: new ClusterState(new ClusterSnapshot()),
    queue,
    writes: kubeSchedulerWrites(new ObjectWriter(host.kubeConfig, { fieldManager: FIELD_MANAGER })),
    // Events name the scheduler as their source, as kube-scheduler's `default-scheduler` does.
    events: new EventRecorder({ sink: kubeEventSink(host.kubeConfig), component: schedulerName, onError: (err) => host.logger.debug({ err }, 'event not recorded') }),
    metrics: schedulerMetrics(registry, () => ({
      gangs: queue.count((key, state) => key.startsWith('gang:') && state !== 'waiting'),
      pods: queue.count((key) => key.startsWith('pod:')),
    })),
    clock: options.clock ?? systemClock,
    now: () => new Date(),
    logger: host.logger,
    bindLimiter: new Limiter(options.bindConcurrency ?? 32),
    statusChain: new KeyedChain(),
    placement: options.placement ?? {},
    readySince: new Map(),
    lastFailure: new Map(),
    wake: () => loop.wake(),
  };
  addSchedulerController(manager, loop);
  addPhaseController(manager, deps, 2);
  host.onShutdown(async () => loop.stop());
  await startManager(manager, host);
}
