/**
 * What the scheduler writes into PodGang and pod status, as pure functions over the cached
 * objects. Conditions are merged by type (the podcliqueset-controller's `Initialized` is left
 * alone) with `setCondition`'s semantics: rewritten only when status, reason or message differ.
 */
import type { V1Pod } from '@kubernetes/client-node';
import { CONDITION_TYPE, type PodGang, type PodGangStatus } from '@grove/api';
import { setCondition, type DesiredCondition } from '@grove/planning';
import { groupOfPod } from './gang-request.js';
import { isBound, isReady, isTerminal, isTerminating } from './pod-facts.js';

export type GangPhase = PodGangStatus['phase'];

export const REASON = {
  scheduled: 'Scheduled',
  unschedulable: 'Unschedulable',
  unsupported: 'Unsupported',
} as const;

export type FailureReason = typeof REASON.unschedulable | typeof REASON.unsupported;

export function scheduledCondition(): DesiredCondition {
  return { type: CONDITION_TYPE.podGangScheduled, status: 'True', reason: REASON.scheduled, message: 'every minimum pod of the gang is bound' };
}

export function unscheduledCondition(reason: FailureReason, message: string): DesiredCondition {
  return { type: CONDITION_TYPE.podGangScheduled, status: 'False', reason, message };
}

/**
 * Sets the `Scheduled` condition (and `placementScore` when given) on a copy of the gang; returns
 * false when nothing changes, so the write is skipped.
 */
export function applyScheduled(gang: PodGang, desired: DesiredCondition, now: Date, placementScore?: number): boolean {
  const before = gang.status?.conditions;
  const conditions = setCondition(before, desired, now, gang.metadata.generation);
  const unchanged = conditions.every((c, i) => c === before?.[i]) && conditions.length === (before?.length ?? 0);
  const scoreChanged = placementScore !== undefined && gang.status?.placementScore !== placementScore;
  if (unchanged && !scoreChanged && gang.status?.phase !== undefined) return false;
  gang.status = {
    ...gang.status,
    phase: gang.status?.phase ?? 'Pending',
    conditions,
    ...(placementScore !== undefined && { placementScore }),
  };
  return true;
}

/**
 * Pending until every PodGroup has `minReplicas` pods bound; Starting then; Running once every
 * PodGroup has `minReplicas` pods Running and Ready. Follows the pods both ways: a gang whose
 * bound pods are lost goes back to Pending.
 */
export function gangPhase(gang: PodGang, pods: readonly V1Pod[]): GangPhase {
  const bound = new Map<string, number>();
  const ready = new Map<string, number>();
  for (const pod of pods) {
    if (pod.metadata?.namespace !== gang.metadata.namespace || !isBound(pod) || isTerminal(pod) || isTerminating(pod)) continue;
    const group = groupOfPod(gang, pod);
    if (group === undefined) continue;
    bound.set(group.name, (bound.get(group.name) ?? 0) + 1);
    if (pod.status?.phase === 'Running' && isReady(pod)) ready.set(group.name, (ready.get(group.name) ?? 0) + 1);
  }
  const all = (counts: Map<string, number>) => gang.spec.podgroups.every((g) => (counts.get(g.name) ?? 0) >= g.minReplicas);
  if (!all(bound)) return 'Pending';
  return all(ready) ? 'Running' : 'Starting';
}

/** Sets the phase on a copy of the gang; false when it is already that. */
export function applyPhase(gang: PodGang, phase: GangPhase): boolean {
  if (gang.status?.phase === phase) return false;
  gang.status = { ...gang.status, phase };
  return true;
}

/** True when the pod's `PodScheduled` condition already says exactly this. */
export function podSaysUnschedulable(pod: V1Pod, reason: string, message: string): boolean {
  const condition = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
  return condition?.status === 'False' && condition.reason === reason && condition.message === message;
}

/** Strategic merge patch of `status.conditions` (merged by type, as kube-scheduler writes it). */
export function podUnschedulablePatch(reason: string, message: string, now: Date): { status: { conditions: object[] } } {
  return { status: { conditions: [{ type: 'PodScheduled', status: 'False', reason, message, lastTransitionTime: now.toISOString(), lastProbeTime: null }] } };
}
