/**
 * The scheduling loop as a manager controller with a single key: its queue gives one cycle at a
 * time, coalesced wake-ups, and leader gating (only the leader's controllers start) for free.
 * Every informer event is applied to the snapshot and the scheduling queue first; the cycle key is
 * added only when a unit is due. A timer wakes the loop when the earliest backoff floor passes,
 * and a slow safety timer re-activates every parked unit (no busy polling).
 */
import { trace } from '@opentelemetry/api';
import { filter, map, merge, Subject, tap, type Observable } from 'rxjs';
import { done, type ObjectKey, type Timer } from '@grove/watch-sdk';
import type { Manager } from '@grove/watch-sdk/manager';
import { runCycle } from './cycle.js';
import type { SchedulerDeps } from './deps.js';
import { onGangEvent, onNodeEvent, onPodEvent, onPriorityClassEvent } from './watch-events.js';

export const SCHEDULER_CONTROLLER = 'podgang-scheduler';
const CYCLE_KEY: ObjectKey = { name: 'cycle' };
/** Parked units are looked at again this often even without a helpful event (missed-event net). */
export const SAFETY_RECHECK_MS = 60_000;

/** The wake-up source and timers of the loop; `deps.wake` must call {@link SchedulerLoop.wake}. */
export class SchedulerLoop {
  private readonly wakes = new Subject<void>();
  private timer: Timer | undefined;
  private timerAt = Infinity;
  private safety: Timer | undefined;
  private stopped = false;

  constructor(private readonly deps: () => SchedulerDeps) {}

  wake(): void {
    this.wakes.next();
  }

  /** The controller's key source: informer events applied, then a key whenever a unit is due. */
  source(): Observable<ObjectKey> {
    const deps = this.deps();
    const { informers } = deps;
    const applied = merge(
      // Nodes first: their replay (the cache so far) lands before the pods booked on them.
      informers.nodes.events$().pipe(tap((e) => onNodeEvent(deps, e))),
      informers.priorityClasses.events$().pipe(tap((e) => onPriorityClassEvent(deps, e))),
      informers.gangs.events$().pipe(tap((e) => onGangEvent(deps, e))),
      informers.pods.events$().pipe(tap((e) => onPodEvent(deps, e))),
    );
    this.armSafety();
    return merge(applied, this.wakes).pipe(
      filter(() => {
        if (deps.queue.hasDue()) return true;
        // An event may have moved a unit into backoff while no cycle runs to arm its timer.
        this.armTimer();
        return false;
      }),
      map(() => CYCLE_KEY),
    );
  }

  /** One cycle, then either another soon (more due) or a timer for the next backoff floor. */
  cycle(): void {
    const deps = this.deps();
    const started = deps.clock.now();
    const report = runCycle(deps);
    if (report) {
      deps.metrics.cycle((deps.clock.now() - started) / 1000);
      trace.getActiveSpan()?.setAttributes({
        'grove.scheduler.unit': report.unit,
        'grove.scheduler.outcome': report.outcome,
        'grove.scheduler.result': report.result ?? 'none',
        'grove.scheduler.pods': report.pods,
      });
      deps.logger.debug({ unit: report.unit, outcome: report.outcome, result: report.result, pods: report.pods, message: report.message }, 'scheduling cycle');
    }
    if (deps.queue.hasDue()) this.wake();
    else this.armTimer();
  }

  stop(): void {
    this.stopped = true;
    this.timer?.cancel();
    this.safety?.cancel();
  }

  private armTimer(): void {
    const deps = this.deps();
    const inMs = deps.queue.nextDueInMs();
    if (inMs === undefined || this.stopped) return;
    const at = deps.clock.now() + inMs;
    if (this.timer !== undefined && this.timerAt <= at) return;
    this.timer?.cancel();
    this.timerAt = at;
    this.timer = deps.clock.setTimer(inMs, () => {
      this.timer = undefined;
      this.timerAt = Infinity;
      this.wake();
      // Another unit may still be backing off while no cycle runs to arm its timer.
      this.armTimer();
    });
  }

  private armSafety(): void {
    const deps = this.deps();
    if (this.stopped) return;
    this.safety = deps.clock.setTimer(SAFETY_RECHECK_MS, () => {
      deps.queue.activateAll();
      this.wake();
      this.armSafety();
    });
  }
}

export function addSchedulerController(manager: Manager, loop: SchedulerLoop): void {
  manager.addController({
    name: SCHEDULER_CONTROLLER,
    kind: 'SchedulingCycle',
    workers: 1,
    watches: () => [loop.source()],
    reconcile: async () => {
      loop.cycle();
      return done();
    },
  });
}
