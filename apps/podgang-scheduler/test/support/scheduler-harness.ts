/**
 * The scheduler's cycle, event handling and binding stage over in-memory informers (real stores fed
 * by a scripted stream) and recorded writes: for unit tests of the I/O-free parts end to end.
 */
import type { V1Node, V1Pod, V1PriorityClass } from '@kubernetes/client-node';
import { Subject, type Subscription } from 'rxjs';
import type { PodGang } from '@grove/api';
import { createLogger } from '@grove/telemetry';
import { ClusterSnapshot } from '@grove/placement';
import { FakeClock } from '@grove/watch-sdk';
import { SharedInformer } from '@grove/watch-sdk/informer';
import type { KubeObject, WatchEvent } from '@grove/watch-sdk/watch';
import { EventRecorder, type CoreEvent } from '@grove/watch-sdk/writes';
import { Registry } from 'prom-client';
import { Limiter } from '../../src/scheduler/bind.js';
import { ClusterState } from '../../src/scheduler/cluster-state.js';
import { GANG_INDEX, type SchedulerDeps } from '../../src/scheduler/deps.js';
import { schedulerMetrics } from '../../src/scheduler/metrics.js';
import { gangNameOf, podKey } from '../../src/scheduler/pod-facts.js';
import { SchedulerLoop } from '../../src/scheduler/scheduler-controller.js';
import { SchedulingQueue } from '../../src/scheduler/scheduling-queue.js';
import { KeyedChain, type SchedulerWrites } from '../../src/scheduler/writes.js';

class Feed<T extends KubeObject> {
  readonly stream = new Subject<WatchEvent<T>>();
  readonly informer: SharedInformer<T>;
  constructor(indexers: Record<string, (o: T) => readonly string[]> = {}) {
    this.informer = new SharedInformer<T>({ source: this.stream, indexers });
    this.informer.start();
    this.stream.next({ type: 'LIST', items: [], resourceVersion: '1' });
  }
  add(object: T): void {
    this.stream.next({ type: 'ADDED', object: structuredClone(object) });
  }
  update(object: T): void {
    this.stream.next({ type: 'MODIFIED', object: structuredClone(object) });
  }
  remove(object: T): void {
    this.stream.next({ type: 'DELETED', object: structuredClone(object) });
  }
}

export interface HarnessWrites {
  readonly bindings: { pod: string; node: string }[];
  readonly gangStatus: PodGang[];
  readonly podStatus: { pod: string; patch: unknown }[];
  readonly events: CoreEvent[];
  /** Per pod key: the error the next binding throws. */
  readonly bindErrors: Map<string, Error>;
}

export function schedulerHarness(schedulerName = 'gang') {
  const clock = new FakeClock();
  const byGang = (pod: V1Pod) => {
    const gang = gangNameOf(pod);
    return gang === undefined ? [] : [`${pod.metadata?.namespace ?? ''}/${gang}`];
  };
  const feeds = { pods: new Feed<V1Pod>({ [GANG_INDEX]: byGang }), nodes: new Feed<V1Node>(), gangs: new Feed<PodGang>(), priorityClasses: new Feed<V1PriorityClass>() };
  const recorded: HarnessWrites = { bindings: [], gangStatus: [], podStatus: [], events: [], bindErrors: new Map() };
  const writes: SchedulerWrites = {
    async bind(pod, node) {
      const err = recorded.bindErrors.get(podKey(pod));
      if (err) throw err;
      recorded.bindings.push({ pod: podKey(pod), node });
    },
    async gangStatus(gang, mutate) {
      const copy = structuredClone(gang);
      if (mutate(copy)) {
        recorded.gangStatus.push(copy);
        feeds.gangs.update(copy);
      }
    },
    async podStatus(pod, patch) {
      recorded.podStatus.push({ pod: podKey(pod), patch });
    },
  };
  const queue = new SchedulingQueue(clock);
  const loop = new SchedulerLoop(() => deps);
  const deps: SchedulerDeps = {
    schedulerName,
    informers: { pods: feeds.pods.informer, nodes: feeds.nodes.informer, gangs: feeds.gangs.informer, priorityClasses: feeds.priorityClasses.informer },
    state: new ClusterState(new ClusterSnapshot()),
    queue,
    writes,
    events: new EventRecorder({ sink: { create: async (e) => void recorded.events.push(e), bump: async () => undefined }, component: schedulerName }),
    metrics: schedulerMetrics(new Registry(), () => ({ gangs: 0, pods: 0 })),
    clock,
    now: () => new Date('2026-01-01T00:00:00Z'),
    logger: createLogger({ name: 'scheduler-test', level: 'silent' }),
    bindLimiter: new Limiter(4),
    statusChain: new KeyedChain(),
    placement: {},
    readySince: new Map(),
    lastFailure: new Map(),
    wake: () => loop.wake(),
  };
  let wakes = 0;
  const subscription: Subscription = loop.source().subscribe(() => wakes++);
  return {
    feeds,
    deps,
    recorded,
    clock,
    loop,
    /**
     * Runs a cycle for every wake-up the loop emitted (coalesced, as the controller's queue dedupes
     * its single key), letting bindings settle between them; returns the cycles run.
     */
    async settle(): Promise<number> {
      let cycles = 0;
      for (;;) {
        await flush();
        if (wakes === 0) return cycles;
        wakes = 0;
        loop.cycle();
        cycles++;
      }
    },
    stop: () => {
      subscription.unsubscribe();
      loop.stop();
    },
  };
}

/** Lets pending promise chains (bindings, status writes) run. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
}
