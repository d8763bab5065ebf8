/**
 * PodClique status (grove-spec §1.2, §1.7): pod counts, the HPA selector and the two conditions,
 * recomputed from the clique's pods on every reconcile. Fields other controllers' decisions hang on
 * (observedGeneration, lastErrors, updateProgress, the current hashes) are carried over untouched.
 */
import { LABEL, podCliqueSelector, type PodClique, type PodCliqueStatus } from '@grove/api';
import type { V1Condition, V1Pod } from '@kubernetes/client-node';
import { setCondition } from '../conditions.js';
import { isScheduled, isScheduleGated, isReady, isTerminating, podHealth, podTemplateHashOf } from './categories.js';
import { minAvailableBreachedCondition, podCliqueScheduledCondition, type AvailabilityCounts } from './podclique-conditions.js';

export interface PodCliqueStatusInput {
  readonly podClique: PodClique;
  readonly pods: readonly V1Pod[];
  /** updateProgress.podTemplateHash if an update record exists, else the PCLQ's hash label, else currentPodTemplateHash. */
  readonly expectedPodTemplateHash: string | undefined;
  /** An auto (RollingRecreate) update of this PCLQ is in progress: MinAvailableBreached is Unknown/UpdateInProgress. */
  readonly updateInProgress: boolean;
  readonly now: Date;
}

function count(pods: readonly V1Pod[], predicate: (pod: V1Pod) => boolean): number {
  return pods.filter(predicate).length;
}

/** The PodClique's `minAvailable` (the webhook defaults it to replicas; replicas defaults to 1). */
function podCliqueMinAvailable(podClique: PodClique): number {
  return podClique.spec.minAvailable ?? podClique.spec.replicas ?? 1;
}

/** Members of a PodCliqueScalingGroup are scaled through their PCSG, so they expose no selector (§1.2). */
function hpaPodSelector(podClique: PodClique): string | undefined {
  const labels = podClique.metadata.labels ?? {};
  const pcsName = labels[LABEL.partOf];
  const name = podClique.metadata.name;
  if (labels[LABEL.podCliqueScalingGroup] !== undefined || pcsName === undefined || name === undefined) return undefined;
  return podCliqueSelector(pcsName, name);
}

function availability(podClique: PodClique, pods: readonly V1Pod[]): AvailabilityCounts {
  const health = pods.map(podHealth);
  return {
    minAvailable: podCliqueMinAvailable(podClique),
    scheduled: count(pods, isScheduled),
    erroneous: health.filter((h) => h === 'erroneous').length,
    startedNotReady: health.filter((h) => h === 'startedNotReady').length,
  };
}

function conditions(input: PodCliqueStatusInput, current: readonly V1Condition[] | undefined): V1Condition[] {
  const counts = availability(input.podClique, input.pods);
  const generation = input.podClique.metadata.generation;
  const scheduled = setCondition(current, podCliqueScheduledCondition(counts), input.now, generation);
  return setCondition(scheduled, minAvailableBreachedCondition(counts, input.updateInProgress), input.now, generation);
}

/**
 * The new status. Counts cover every owned pod except `replicas`, which leaves out terminating
 * ones (as Grove does: a terminating pod that is still Ready or scheduled still counts as such).
 * `updatedReplicas` stays as it was while no hash is known, so a clique that has never converged
 * does not report pods as updated. Conditions wait for the first successful spec reconcile
 * (`observedGeneration` set) so they never describe a clique whose pods are not created yet.
 */
export function podCliqueStatus(input: PodCliqueStatusInput): PodCliqueStatus {
  const { podClique, pods, expectedPodTemplateHash } = input;
  const { hpaPodSelector: _previousSelector, ...current } = podClique.status ?? {};
  const selector = hpaPodSelector(podClique);
  const status: PodCliqueStatus = {
    ...current,
    replicas: count(pods, (p) => !isTerminating(p)),
    readyReplicas: count(pods, isReady),
    ...(expectedPodTemplateHash !== undefined && {
      updatedReplicas: count(pods, (p) => podTemplateHashOf(p) === expectedPodTemplateHash),
    }),
    scheduleGatedReplicas: count(pods, isScheduleGated),
    scheduledReplicas: count(pods, isScheduled),
    ...(selector !== undefined && { hpaPodSelector: selector }),
  };
  if (current.observedGeneration === undefined) return status;
  return { ...status, conditions: conditions(input, current.conditions) };
}

/** Scheduled pods dropped from some to none: the `AllScheduledReplicasLost` warning event (§1.8). */
export function allScheduledReplicasLost(before: PodCliqueStatus | undefined, after: PodCliqueStatus): boolean {
  return (before?.scheduledReplicas ?? 0) > 0 && (after.scheduledReplicas ?? 0) === 0;
}
