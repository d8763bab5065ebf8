/**
 * `meta.SetStatusCondition` semantics (grove-spec §1.7): a condition is rewritten only when its
 * status, reason or message differ, and `lastTransitionTime` moves only when the status changes.
 */
import type { V1Condition } from '@kubernetes/client-node';

export type ConditionStatus = 'True' | 'False' | 'Unknown';

/** What a controller decides; the bookkeeping fields are filled by {@link setCondition}. */
export interface DesiredCondition {
  readonly type: string;
  readonly status: ConditionStatus;
  readonly reason: string;
  readonly message: string;
}

export function findCondition(conditions: readonly V1Condition[] | undefined, type: string): V1Condition | undefined {
  return conditions?.find((c) => c.type === type);
}

export function conditionIs(conditions: readonly V1Condition[] | undefined, type: string, status: ConditionStatus): boolean {
  return findCondition(conditions, type)?.status === status;
}

/**
 * Returns a new list with `desired` set. `now` stamps `lastTransitionTime` when the status changes
 * (or the condition is new); `observedGeneration` is the object's generation being reported on.
 */
export function setCondition(
  conditions: readonly V1Condition[] | undefined,
  desired: DesiredCondition,
  now: Date,
  observedGeneration?: number,
): V1Condition[] {
  const list = [...(conditions ?? [])];
  const at = list.findIndex((c) => c.type === desired.type);
  const existing = at >= 0 ? list[at] : undefined;
  if (existing && existing.status === desired.status && existing.reason === desired.reason && existing.message === desired.message) {
    return list;
  }
  const next: V1Condition = {
    type: desired.type,
    status: desired.status,
    reason: desired.reason,
    message: desired.message,
    lastTransitionTime: existing && existing.status === desired.status ? existing.lastTransitionTime : now,
    ...(observedGeneration !== undefined && { observedGeneration }),
  };
  if (at >= 0) list[at] = next;
  else list.push(next);
  return list;
}

/** Returns a new list without the condition `type`. */
export function removeCondition(conditions: readonly V1Condition[] | undefined, type: string): V1Condition[] {
  return (conditions ?? []).filter((c) => c.type !== type);
}

/** `lastTransitionTime` as epoch milliseconds (the client may hand a Date or an RFC 3339 string). */
export function transitionMs(condition: V1Condition): number {
  const t = condition.lastTransitionTime as Date | string | undefined;
  return t === undefined ? Number.NaN : new Date(t).getTime();
}
