/**
 * grove-spec §6.2 — PodCliqueSet-level orchestration of a RollingRecreate update: one PCS replica
 * at a time, tracked in `status.updateProgress.currentlyUpdating[0]`. The PodClique and
 * PodCliqueScalingGroup controllers only replace pods/replicas of that replica (§6.3, §6.4); this
 * planner waits for it to be done, then picks the next one:
 *   1. replicas with no scheduled pods first (nothing to lose by recreating them),
 *   2. then replicas with breached-but-not-yet-expired constituents (they are unhealthy anyway),
 *   3. then the lowest index.
 * Replicas gang-terminated in this reconcile are left out (they come back from the new template).
 * When none is pending the update ends: `updateEndedAt = now`, `currentlyUpdating` dropped.
 */
import type { PodClique, PodCliqueScalingGroup, PodCliqueSet, PodCliqueSetUpdateProgress } from '@grove/api';
import { isOnDelete, pcsReplicas } from '../template.js';
import { isReplicaUpdated, scheduledPodCount } from './pcs-replica.js';

export interface PcsRolloutInput {
  /** `status.currentGenerationHash` is the target. */
  readonly pcs: PodCliqueSet;
  /** Live standalone PodCliques (all replicas). */
  readonly podCliques: readonly PodClique[];
  /** Live PodCliqueScalingGroups (all replicas). */
  readonly scalingGroups: readonly PodCliqueScalingGroup[];
  /** Expected pod-template hash per clique name. */
  readonly templateHashes: ReadonlyMap<string, string>;
  /** Replicas with breached-but-not-expired constituents (ordering rule 2). */
  readonly breachedReplicas: ReadonlySet<number>;
  /** Replicas gang-terminated in this reconcile (excluded). */
  readonly terminatedReplicas: ReadonlySet<number>;
  readonly now: Date;
}

/** True while a RollingRecreate update is running: a record without `updateEndedAt`. */
export function isRollingUpdateInProgress(pcs: PodCliqueSet): boolean {
  const progress = pcs.status?.updateProgress;
  return progress !== undefined && progress.updateEndedAt === undefined && !isOnDelete(pcs);
}

/** The PCS replica whose pods may be replaced now (updateProgress.currentlyUpdating[0]), or undefined. */
export function currentlyUpdatingReplica(pcs: PodCliqueSet): number | undefined {
  return isRollingUpdateInProgress(pcs) ? pcs.status?.updateProgress?.currentlyUpdating?.[0]?.replicaIndex : undefined;
}

/**
 * §6.3: whether the children of PCS replica `replicaIndex` may replace pods now — always when no
 * rolling update runs (they self-heal on their own state), else only for the currently updating replica.
 */
export function mayReplaceInReplica(pcs: PodCliqueSet, replicaIndex: number): boolean {
  return !isRollingUpdateInProgress(pcs) || currentlyUpdatingReplica(pcs) === replicaIndex;
}

export function replicaDoneUpdating(input: PcsRolloutInput, replicaIndex: number): boolean {
  return isReplicaUpdated(input, replicaIndex);
}

/**
 * The new `status.updateProgress` (undefined = no change): marks the current replica done (its
 * updateEndedAt), picks the next one with Grove's ordering, ends the update when none is pending;
 * a current replica that no longer exists is replaced.
 *
 * Grove writes the finished replica's `updateEndedAt` and the next selection as two patches; this
 * returns the state after both: the next replica replaces the finished one in `currentlyUpdating`,
 * or the whole update ends and `currentlyUpdating` is cleared.
 */
export function planPcsRollout(input: PcsRolloutInput): PodCliqueSetUpdateProgress | undefined {
  const { pcs, now } = input;
  const progress = pcs.status?.updateProgress;
  if (progress === undefined || progress.updateEndedAt !== undefined) return undefined;
  // A strategy switched to OnDelete mid-rollout leaves Grove nothing to do (§6.5): end the record.
  if (isOnDelete(pcs)) return endUpdate(progress, now);
  if (pcs.status?.currentGenerationHash === undefined) return undefined;

  const live = liveReplicas(input);
  const current = progress.currentlyUpdating?.[0]?.replicaIndex;
  const currentLives = current !== undefined && live.includes(current);
  if (currentLives && !replicaDoneUpdating(input, current)) return undefined;

  const pending = live.filter((i) => i !== current && !replicaDoneUpdating(input, i));
  const next = [...pending].sort(replicaOrder(input))[0];
  if (next === undefined) return endUpdate(progress, now);
  return { ...progress, currentlyUpdating: [{ replicaIndex: next, updateStartedAt: now.toISOString() }] };
}

/** Replica indices 0..replicas-1 that were not gang-terminated in this reconcile. */
function liveReplicas(input: PcsRolloutInput): number[] {
  return Array.from({ length: pcsReplicas(input.pcs) }, (_, i) => i).filter((i) => !input.terminatedReplicas.has(i));
}

function replicaOrder(input: PcsRolloutInput): (a: number, b: number) => number {
  const rank = (i: number): [number, number, number] => [
    scheduledPodCount(input, i) === 0 ? 0 : 1,
    input.breachedReplicas.has(i) ? 0 : 1,
    i,
  ];
  return (a, b) => {
    const [ra, rb] = [rank(a), rank(b)];
    return ra[0] - rb[0] || ra[1] - rb[1] || ra[2] - rb[2];
  };
}

function endUpdate(progress: PodCliqueSetUpdateProgress, now: Date): PodCliqueSetUpdateProgress {
  const { currentlyUpdating: _cleared, ...rest } = progress;
  return { ...rest, updateEndedAt: now.toISOString() };
}
