/**
 * Pod categorisation (grove-spec §1.7 "Pod categorisation"): the few facts about a pod that every
 * decision of the PodClique controller counts — scheduled, gated, terminating, ready, broken.
 * Each predicate reads only the pod, so status, scale and update planning agree on what a pod is.
 */
import { LABEL, SCHEDULING_GATE } from '@grove/api';
import type { V1ContainerStatus, V1Pod, V1PodCondition } from '@kubernetes/client-node';

/** Kubernetes' own strings (core/v1), not Grove's: they are not in @grove/api's label module. */
const POD_CONDITION = { scheduled: 'PodScheduled', ready: 'Ready' } as const;
const SCHEDULING_GATED_REASON = 'SchedulingGated';
const FINISHED_PHASES: readonly string[] = ['Succeeded', 'Failed'];

function podCondition(pod: V1Pod, type: string): V1PodCondition | undefined {
  return pod.status?.conditions?.find((c) => c.type === type);
}

/** `PodScheduled=True`. */
export function isScheduled(pod: V1Pod): boolean {
  return podCondition(pod, POD_CONDITION.scheduled)?.status === 'True';
}

/** `PodScheduled=False` with reason `SchedulingGated`: the scheduler has not seen the pod yet. */
export function isScheduleGated(pod: V1Pod): boolean {
  const scheduled = podCondition(pod, POD_CONDITION.scheduled);
  return scheduled?.status === 'False' && scheduled.reason === SCHEDULING_GATED_REASON;
}

/** Deletion has been requested (deletionTimestamp set). */
export function isTerminating(pod: V1Pod): boolean {
  return pod.metadata?.deletionTimestamp !== undefined && pod.metadata.deletionTimestamp !== null;
}

/** `Ready=True`. */
export function isReady(pod: V1Pod): boolean {
  return podCondition(pod, POD_CONDITION.ready)?.status === 'True';
}

function exitedWithError(status: V1ContainerStatus): boolean {
  const exitCode = status.lastState?.terminated?.exitCode;
  return exitCode !== undefined && exitCode !== 0;
}

/**
 * Not ready, and some init or main container last terminated with a non-zero exit code. Grove reads
 * `lastState` rather than `state` because `state` flips between waiting and terminated while a
 * container crash-loops, whereas `lastState` holds still until the container runs properly.
 */
export function hasErroneousExit(pod: V1Pod): boolean {
  if (isReady(pod)) return false;
  const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  return statuses.some(exitedWithError);
}

/** Some main container has started (`started=true`) but is not ready. */
export function isStartedNotReady(pod: V1Pod): boolean {
  return (pod.status?.containerStatuses ?? []).some((c) => c.started === true && !c.ready);
}

/** Holds (or will hold) a pod index: not terminating and not Succeeded/Failed (§2.1). */
export function isActive(pod: V1Pod): boolean {
  return !isTerminating(pod) && !FINISHED_PHASES.includes(pod.status?.phase ?? '');
}

/** Succeeded or Failed: the pod will never run again. */
export function isFinished(pod: V1Pod): boolean {
  return FINISHED_PHASES.includes(pod.status?.phase ?? '');
}

/** Still carries the gate Grove creates every pod with (§3.4). */
export function carriesGroveGate(pod: V1Pod): boolean {
  return (pod.spec?.schedulingGates ?? []).some((g) => g.name === SCHEDULING_GATE.podGangPendingCreation);
}

/** The pod's `grove.io/pod-template-hash` label. */
export function podTemplateHashOf(pod: V1Pod): string | undefined {
  return pod.metadata?.labels?.[LABEL.podTemplateHash];
}

/** How a pod counts towards availability: the §1.7 priority order ready, else erroneous, else started-not-ready. */
export type PodHealth = 'ready' | 'erroneous' | 'startedNotReady' | 'other';

export function podHealth(pod: V1Pod): PodHealth {
  if (isReady(pod)) return 'ready';
  if (hasErroneousExit(pod)) return 'erroneous';
  if (isStartedNotReady(pod)) return 'startedNotReady';
  return 'other';
}
