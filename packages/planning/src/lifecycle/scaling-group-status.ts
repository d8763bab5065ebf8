/**
 * PodCliqueScalingGroup status (grove-spec §1.3, §1.7), computed by the PCSG reconciler over
 * replica indices `0..spec.replicas-1` (stray children are ignored):
 *
 * - *scheduled*: every member PodClique exists, is not terminating and is `PodCliqueScheduled=True`;
 * - *available*: scheduled, and every member has `readyReplicas ≥ minAvailable`;
 * - *updated*: available, and every member is updated (§6.2) against the PCS generation hash;
 * - `MinAvailableBreached`: Unknown while a PCSG update is in progress (gang termination is
 *   suspended, Appendix A item 6); else True when fewer than `minAvailable` replicas are "not in
 *   breach" (complete and no member `MinAvailableBreached=True`); else False.
 * - `GangTerminationInProgress` is removed when the breach computes False: the recycle the PCS
 *   level fired is over, so the next breach may fire again (§4.2).
 *
 * Everything else of the current status (observedGeneration, lastErrors, updateProgress,
 * currentPodCliqueSetGenerationHash) is kept as it is.
 */
import {
  CONDITION_REASON,
  CONDITION_TYPE,
  podCliqueScalingGroupSelector,
  type PodClique,
  type PodCliqueScalingGroup,
  type PodCliqueScalingGroupStatus,
  type PodCliqueSet,
} from '@grove/api';
import { conditionIs, removeCondition, setCondition, type DesiredCondition } from '../conditions.js';
import { indices, podCliqueMinAvailable, scalingGroupMinAvailable, scalingGroupReplicaCount } from './object-views.js';
import { podCliqueUpdated } from './podclique-updated.js';
import { isComplete, liveReplicaMembers, type ReplicaMember } from './scaling-group-replicas.js';

export interface ScalingGroupStatusInput {
  readonly pcs: PodCliqueSet;
  readonly scalingGroup: PodCliqueScalingGroup;
  /** Live PCLQs labelled with this PCSG. */
  readonly memberPodCliques: readonly PodClique[];
  /** The PCS's currentGenerationHash. */
  readonly generationHash: string | undefined;
  /** Expected pod-template hash per clique name. */
  readonly templateHashes: ReadonlyMap<string, string>;
  readonly updateInProgress: boolean;
  readonly now: Date;
}

interface ReplicaState {
  readonly scheduled: boolean;
  readonly available: boolean;
  readonly updated: boolean;
  readonly notInBreach: boolean;
}

export function scalingGroupStatus(input: ScalingGroupStatusInput): PodCliqueScalingGroupStatus {
  const group = input.scalingGroup;
  const states = indices(scalingGroupReplicaCount(group)).map((r) =>
    replicaState(input, liveReplicaMembers(group, input.memberPodCliques, r)),
  );
  const breach = breachCondition(input, states.filter((s) => s.notInBreach).length);
  const conditions = setCondition(group.status?.conditions, breach, input.now);
  return {
    ...group.status,
    replicas: states.length,
    scheduledReplicas: states.filter((s) => s.scheduled).length,
    availableReplicas: states.filter((s) => s.available).length,
    updatedReplicas: states.filter((s) => s.updated).length,
    selector: podCliqueScalingGroupSelector(input.pcs.metadata.name ?? '', group.metadata.name ?? ''),
    // The recycle fired by the PCS level is over once the group is whole again (§1.7).
    conditions: breach.status === 'False' ? removeCondition(conditions, CONDITION_TYPE.gangTerminationInProgress) : conditions,
  };
}

function replicaState(input: ScalingGroupStatusInput, members: readonly ReplicaMember[]): ReplicaState {
  const complete = isComplete(input.scalingGroup, members);
  const scheduled = complete && members.every(({ podClique }) => hasTrue(podClique, CONDITION_TYPE.podCliqueScheduled));
  const available = scheduled && members.every(({ podClique }) => (podClique.status?.readyReplicas ?? 0) >= podCliqueMinAvailable(podClique));
  const updated = available && members.every((m) => memberUpdated(input, m));
  const notInBreach = complete && !members.some(({ podClique }) => hasTrue(podClique, CONDITION_TYPE.minAvailableBreached));
  return { scheduled, available, updated, notInBreach };
}

function hasTrue(podClique: PodClique, type: string): boolean {
  return conditionIs(podClique.status?.conditions, type, 'True');
}

function memberUpdated(input: ScalingGroupStatusInput, { clique, podClique }: ReplicaMember): boolean {
  const expectedHash = input.templateHashes.get(clique);
  if (input.generationHash === undefined || expectedHash === undefined) return false;
  return podCliqueUpdated(podClique, input.generationHash, expectedHash);
}

function breachCondition(input: ScalingGroupStatusInput, notInBreach: number): DesiredCondition {
  const type = CONDITION_TYPE.minAvailableBreached;
  const reasons = CONDITION_REASON.minAvailableBreached;
  if (input.updateInProgress) {
    return { type, status: 'Unknown', reason: reasons.updateInProgress, message: 'Update is in progress' };
  }
  const minAvailable = scalingGroupMinAvailable(input.scalingGroup);
  const message = `PodCliqueScalingGroup replicas not in breach: expected at least ${minAvailable}, found ${notInBreach}`;
  return notInBreach < minAvailable
    ? { type, status: 'True', reason: reasons.insufficientAvailablePcsgReplicas, message }
    : { type, status: 'False', reason: reasons.sufficientAvailablePcsgReplicas, message };
}
