/**
 * The two PodClique conditions (grove-spec §1.7). `MinAvailableBreached` feeds gang termination
 * (§4.1): True only when the clique has fallen below what its gang needs, never merely because
 * pods are still starting.
 */
import { CONDITION_REASON, CONDITION_TYPE } from '@grove/api';
import type { DesiredCondition } from '../conditions.js';

/** Pod counts the conditions are computed from. */
export interface AvailabilityCounts {
  readonly minAvailable: number;
  readonly scheduled: number;
  /** Not ready with an erroneous exit (§1.7 priority order). */
  readonly erroneous: number;
  /** Not ready, no erroneous exit, some container started but not ready. */
  readonly startedNotReady: number;
}

export function podCliqueScheduledCondition({ minAvailable, scheduled }: AvailabilityCounts): DesiredCondition {
  const reasons = CONDITION_REASON.podCliqueScheduled;
  const sufficient = scheduled >= minAvailable;
  return {
    type: CONDITION_TYPE.podCliqueScheduled,
    status: sufficient ? 'True' : 'False',
    reason: sufficient ? reasons.sufficientScheduledPods : reasons.insufficientScheduledPods,
    message: `${scheduled} scheduled pods, at least ${minAvailable} needed`,
  };
}

/**
 * Unknown during an auto (RollingRecreate) update, whose deliberate pod deletions must not
 * trigger gang termination (Appendix A item 6); then too few scheduled pods; then too few pods that
 * are ready or still starting (a pod whose container exited with an error, or that started but
 * is not ready, is not on its way to serving).
 */
export function minAvailableBreachedCondition(counts: AvailabilityCounts, updateInProgress: boolean): DesiredCondition {
  const reasons = CONDITION_REASON.minAvailableBreached;
  const type = CONDITION_TYPE.minAvailableBreached;
  const { minAvailable, scheduled } = counts;
  if (updateInProgress) {
    return { type, status: 'Unknown', reason: reasons.updateInProgress, message: 'Update is in progress' };
  }
  if (scheduled < minAvailable) {
    return {
      type,
      status: 'True',
      reason: reasons.scheduledReplicasBelowMinAvailable,
      message: `${scheduled} scheduled pods, below minAvailable ${minAvailable}`,
    };
  }
  const readyOrStarting = scheduled - counts.erroneous - counts.startedNotReady;
  const breached = readyOrStarting < minAvailable;
  return {
    type,
    status: breached ? 'True' : 'False',
    reason: breached ? reasons.insufficientReadyPods : reasons.sufficientReadyPods,
    message: `${readyOrStarting} ready or starting pods, at least ${minAvailable} needed`,
  };
}
