/**
 * Breach signals of gang termination (grove-spec §4.1).
 *
 * A PodClique or PodCliqueScalingGroup whose `MinAvailableBreached` condition is True is a
 * termination candidate once `terminationDelay` has passed since the condition turned True. Two
 * "ever healthy" gates keep workloads that never started out of it: recycling them would only
 * churn Pending pods against a cluster that cannot place them (Appendix A item 5). A condition that
 * flipped within 5 s of the object's creation is taken as the first status ever written, not as a
 * transition out of a healthy state.
 */
import { CONDITION_TYPE, type PodClique, type PodCliqueScalingGroup } from '@grove/api';
import type { V1Condition } from '@kubernetes/client-node';
import { findCondition, transitionMs } from '../conditions.js';
import { creationMs } from './object-views.js';

/** The window after creation in which a condition's flip counts as its first write (§4.1). */
export const EVER_HEALTHY_GRACE_MS = 5_000;

/** True when `condition` has status `flipped` and transitioned more than the grace after creation. */
function flippedAfterGrace(condition: V1Condition, createdMs: number, flipped: string): boolean {
  return condition.status === flipped && transitionMs(condition) > createdMs + EVER_HEALTHY_GRACE_MS;
}

/**
 * Whether a PodClique was ever scheduled: `PodCliqueScheduled` is True now, or False with a
 * transition more than 5 s after creation (so it must have been True before). A PodClique with no
 * such condition, or an unknown creation time, was never scheduled.
 */
export function everScheduled(podClique: PodClique): boolean {
  const scheduled = findCondition(podClique.status?.conditions, CONDITION_TYPE.podCliqueScheduled);
  if (scheduled === undefined) return false;
  return scheduled.status === 'True' || flippedAfterGrace(scheduled, creationMs(podClique.metadata), 'False');
}

/**
 * Whether a PodCliqueScalingGroup was ever healthy: `MinAvailableBreached` is False now, or True
 * with a transition more than 5 s after creation (so it must have been False before).
 */
export function everHealthy(group: PodCliqueScalingGroup): boolean {
  const breached = findCondition(group.status?.conditions, CONDITION_TYPE.minAvailableBreached);
  if (breached === undefined) return false;
  return breached.status === 'False' || flippedAfterGrace(breached, creationMs(group.metadata), 'True');
}

/**
 * ms left before a True MinAvailableBreached condition expires (≤ 0 = expired), undefined when not
 * breached: `terminationDelay − (now − lastTransitionTime)` (§4.1). Unknown (an auto update in
 * progress) and False are "not breached", so they never terminate (Appendix A item 6). A True
 * condition without a readable transition time gets the full delay: missing data never terminates.
 */
export function breachRemainingMs(
  conditions: readonly V1Condition[] | undefined,
  terminationDelayMs: number,
  now: Date,
): number | undefined {
  const breached = findCondition(conditions, CONDITION_TYPE.minAvailableBreached);
  if (breached?.status !== 'True') return undefined;
  const since = transitionMs(breached);
  return Number.isNaN(since) ? terminationDelayMs : terminationDelayMs - (now.getTime() - since);
}
