/**
 * grove-spec §6.4 — PodCliqueScalingGroup rolling recreate (PCSG controller). Whole PCSG replicas
 * are replaced by deleting their member PodCliques, which the PCSG then recreates from the new
 * template. Old replicas that are pending or unavailable are deleted at once; Ready ones go one at
 * a time, lowest index first, recorded in `readyReplicaIndicesSelectedToUpdate`, and only while at
 * least minAvailable replicas are available. Under OnDelete (§6.5) only the record is kept.
 */
import type { PodClique, PodCliqueScalingGroup, PodCliqueScalingGroupUpdateProgress, PodCliqueSet } from '@grove/api';
import { isOnDelete } from '../template.js';
import { isDeleting } from './object-state.js';
import {
  hasExpectedLabels,
  isReplicaAvailable,
  isReplicaComplete,
  oldReplicaState,
  replicaMembers,
  scalingGroupMinAvailable,
  scalingGroupReplicaCount,
  type OldReplicaState,
  type ScalingGroupReplicas,
} from './scaling-group-replica.js';

export interface ScalingGroupRolloutInput {
  readonly pcs: PodCliqueSet;
  readonly scalingGroup: PodCliqueScalingGroup;
  readonly memberPodCliques: readonly PodClique[];
  readonly templateHashes: ReadonlyMap<string, string>;
  /** Its PCS replica is currentlyUpdating. */
  readonly mayReplace: boolean;
  readonly now: Date;
}

export interface ScalingGroupRolloutPlan {
  readonly updateProgress: PodCliqueScalingGroupUpdateProgress | undefined;
  readonly resetUpdatedReplicas: boolean;
  /** PCSG replica indices whose member PodCliques to delete now (they are recreated from the new template). */
  readonly deleteReplicaIndices: readonly number[];
  readonly requeue: boolean;
}

const NOTHING: ScalingGroupRolloutPlan = {
  updateProgress: undefined,
  resetUpdatedReplicas: false,
  deleteReplicaIndices: [],
  requeue: false,
};

export function planScalingGroupRollout(input: ScalingGroupRolloutInput): ScalingGroupRolloutPlan {
  const { pcs, scalingGroup, now } = input;
  const pcsHash = pcs.status?.currentGenerationHash;
  const onDelete = isOnDelete(pcs);
  if (pcsHash === undefined || (!onDelete && !input.mayReplace)) return NOTHING;

  // §6.4: start/reset when the record is missing or for another PCS hash.
  const existing = scalingGroup.status?.updateProgress;
  const restart = existing?.podCliqueSetGenerationHash !== pcsHash;
  const record = restart ? newRecord(pcsHash, onDelete, now) : existing;
  const changed = restart ? record : undefined;
  if (record === undefined || record.updateEndedAt !== undefined) {
    return { ...NOTHING, updateProgress: changed, resetUpdatedReplicas: restart };
  }
  if (onDelete) return { ...NOTHING, updateProgress: endRecord(record, now), resetUpdatedReplicas: restart };

  const step = stepReplicaReplacement(input, record, pcsHash);
  return { ...step, updateProgress: step.updateProgress ?? changed, resetUpdatedReplicas: restart };
}

/** §6.4 steps 1–4 for a running record. */
function stepReplicaReplacement(
  input: ScalingGroupRolloutInput,
  record: PodCliqueScalingGroupUpdateProgress,
  pcsHash: string,
): Omit<ScalingGroupRolloutPlan, 'resetUpdatedReplicas'> {
  const view: ScalingGroupReplicas = input;
  const selection = record.readyReplicaIndicesSelectedToUpdate;
  const old = oldReplicas(view, selection?.current);
  const deleteAtOnce = old.filter((o) => o.state !== 'ready').map((o) => o.index);
  const oldReady = old.filter((o) => o.state === 'ready').map((o) => o.index);

  if (selection !== undefined && !selectionComplete(view, selection.current, pcsHash)) {
    return { updateProgress: undefined, deleteReplicaIndices: deleteAtOnce, requeue: true };
  }
  const next = oldReady[0];
  if (next === undefined) return { updateProgress: endRecord(record, input.now), deleteReplicaIndices: deleteAtOnce, requeue: true };
  if (availableReplicas(view) < scalingGroupMinAvailable(input.scalingGroup)) {
    return { updateProgress: undefined, deleteReplicaIndices: deleteAtOnce, requeue: true };
  }
  return { updateProgress: select(record, next), deleteReplicaIndices: [...deleteAtOnce, next].sort((a, b) => a - b), requeue: true };
}

/**
 * §6.4 step 1: replicas 0..replicas-1 whose member hash labels differ from the expected ones,
 * skipping the selected replica and replicas already gone or going (no members, or all terminating).
 */
function oldReplicas(view: ScalingGroupReplicas, selected: number | undefined): { index: number; state: OldReplicaState }[] {
  const indices = Array.from({ length: scalingGroupReplicaCount(view.scalingGroup) }, (_, i) => i);
  return indices.flatMap((index) => {
    const members = replicaMembers(view, index);
    const going = members.every(({ podClique }) => isDeleting(podClique.metadata));
    if (index === selected || going || hasExpectedLabels(view, members)) return [];
    return [{ index, state: oldReplicaState(members) }];
  });
}

/** The selected replica is recreated and complete — or was scaled away (RU-16/17), leaving nothing to wait for. */
function selectionComplete(view: ScalingGroupReplicas, selected: number, pcsHash: string): boolean {
  return selected >= scalingGroupReplicaCount(view.scalingGroup) || isReplicaComplete(view, selected, pcsHash);
}

function availableReplicas(view: ScalingGroupReplicas): number {
  const count = scalingGroupReplicaCount(view.scalingGroup);
  return Array.from({ length: count }, (_, i) => i).filter((i) => isReplicaAvailable(view, i)).length;
}

function newRecord(pcsHash: string, onDelete: boolean, now: Date): PodCliqueScalingGroupUpdateProgress {
  const startedAt = now.toISOString();
  return { updateStartedAt: startedAt, podCliqueSetGenerationHash: pcsHash, ...(onDelete && { updateEndedAt: startedAt }) };
}

function endRecord(record: PodCliqueScalingGroupUpdateProgress, now: Date): PodCliqueScalingGroupUpdateProgress {
  const { readyReplicaIndicesSelectedToUpdate: _cleared, ...rest } = record;
  return { ...rest, updateEndedAt: now.toISOString() };
}

/** `current` moves to `completed`, the new index becomes `current`. */
function select(record: PodCliqueScalingGroupUpdateProgress, index: number): PodCliqueScalingGroupUpdateProgress {
  const previous = record.readyReplicaIndicesSelectedToUpdate;
  const completed = previous === undefined ? [] : [...(previous.completed ?? []), previous.current];
  return { ...record, readyReplicaIndicesSelectedToUpdate: { current: index, ...(completed.length > 0 && { completed }) } };
}
