/**
 * The binding stage of a placed unit: every assignment is bound concurrently (all gangs share one
 * limit) while the next cycles run. What "all or nothing" means once binding started is in
 * docs/scheduler.md: a pod bound stays bound (Kubernetes cannot unbind); the assumptions of pods
 * not bound are forgotten and the unit is retried, its bound pods then pinning the placement.
 */
import type { V1Pod } from '@kubernetes/client-node';
import type { PodGang } from '@grove/api';
import type { Assignment } from '@grove/placement';
import { bindWithRetry, type BindOutcome } from './bind.js';
import type { SchedulerDeps } from './deps.js';
import { gangRef, podRef, reportBindFailure, reportGangScheduled, reportPodBound } from './report.js';
import type { Rank } from './scheduling-queue.js';

export interface PlacedUnit {
  readonly unitKey: string;
  readonly rank: Rank;
  /** Absent for a pod without a PodGang. */
  readonly gang?: PodGang;
  readonly pods: ReadonlyMap<string, V1Pod>;
  readonly assignments: readonly Assignment[];
  /** How many assignments, from the start, make up the minimum. */
  readonly minimumCount: number;
  readonly score: number;
}

async function bindOne(deps: SchedulerDeps, pod: V1Pod, assignment: Assignment): Promise<BindOutcome> {
  const started = deps.clock.now();
  const outcome = await deps.bindLimiter.run(() => bindWithRetry(() => deps.writes.bind(pod, assignment.node)));
  deps.metrics.bind((deps.clock.now() - started) / 1000, outcome.kind === 'bound' ? 'bound' : 'failed');
  if (outcome.kind === 'bound') reportPodBound(deps, pod, assignment.node);
  // 409: bound already (our lost answer, or someone else): the watch shows where, keep the booking till then.
  else if (outcome.kind !== 'conflict') deps.state.forget(assignment.podKey);
  return outcome;
}

function failureMessage(placed: PlacedUnit, failed: readonly { key: string; outcome: BindOutcome }[]): string {
  const [first] = failed;
  const detail = first && first.outcome.kind !== 'bound' ? `${first.key}: ${first.outcome.error.message}` : '';
  return `binding failed for ${failed.length} of ${placed.assignments.length} pods (${detail}); the unit is retried and its bound pods stay where they are`;
}

export async function bindPlaced(deps: SchedulerDeps, placed: PlacedUnit): Promise<void> {
  const results = await Promise.all(
    placed.assignments.map(async (a) => {
      const pod = placed.pods.get(a.podKey);
      const outcome: BindOutcome = pod ? await bindOne(deps, pod, a) : { kind: 'gone', error: new Error('pod left the cache') };
      if (!pod) deps.state.forget(a.podKey);
      return { key: a.podKey, outcome };
    }),
  );
  const minimumBound = results.slice(0, placed.minimumCount).every((r) => r.outcome.kind === 'bound' || r.outcome.kind === 'conflict');
  if (placed.gang && minimumBound) {
    const since = deps.readySince.get(placed.unitKey);
    if (since !== undefined) deps.metrics.gangLatency((deps.clock.now() - since) / 1000);
    deps.readySince.delete(placed.unitKey);
    reportGangScheduled(deps, placed.gang, placed.score);
    deps.logger.info({ unit: placed.unitKey, pods: placed.assignments.length, score: placed.score }, 'gang bound');
  }
  const failed = results.filter((r) => r.outcome.kind === 'failed' || r.outcome.kind === 'gone');
  if (failed.length === 0) return;
  const message = failureMessage(placed, failed);
  deps.logger.error({ unit: placed.unitKey, failed: failed.length, pods: placed.assignments.length, message }, 'binding failed');
  const [firstPod] = placed.pods.values();
  const subject = placed.gang ? gangRef(placed.gang) : firstPod && podRef(firstPod);
  if (subject) reportBindFailure(deps, subject, message);
  deps.queue.requeueFailed(placed.unitKey, placed.rank);
  deps.wake();
}
