/**
 * PodCliqueSet-replica gang termination (grove-spec §4.2), decided by the PCS controller's "PCS
 * replica" component on every reconcile, one PCS replica at a time.
 *
 * - A replica with an expected standalone PodClique missing is skipped: it is being (re)built.
 * - Candidates are breached standalone PodCliques that were ever scheduled, and breached
 *   PodCliqueScalingGroups that were ever healthy and not already flagged
 *   `GangTerminationInProgress` (§4.1).
 * - When the shortest remaining delay has run out, every PodClique of the replica is deleted
 *   (PCSG members included; PCSGs, Services and PodGangs survive, Appendix A item 5) and the
 *   caller flags every PCSG of the replica with {@link gangTerminationInProgressCondition}.
 * - Otherwise, with unexpired candidates, the caller waits (and uses them for update ordering, §6.2).
 */
import {
  CONDITION_REASON,
  CONDITION_TYPE,
  podCliqueName,
  podCliqueScalingGroupName,
  type PcsReplica,
  type PodClique,
  type PodCliqueScalingGroup,
  type PodCliqueSet,
} from '@grove/api';
import type { DesiredCondition } from '../conditions.js';
import { scalingGroupConfigs, standaloneCliques, terminationDelayMs } from '../template.js';
import { minRemainingMs, podCliqueCandidates, scalingGroupCandidates, type BreachCandidate } from './candidates.js';

export interface ReplicaTerminationInput {
  readonly pcs: PodCliqueSet;
  readonly replicaIndex: number;
  /** Live standalone PCLQs of this PCS replica. */
  readonly podCliques: readonly PodClique[];
  /** Live PCSGs of this PCS replica. */
  readonly scalingGroups: readonly PodCliqueScalingGroup[];
  readonly now: Date;
}

export type ReplicaTerminationDecision =
  /** Delete all PodCliques of the replica. */
  | { readonly kind: 'terminate'; readonly reason: string }
  /** Breached, not expired yet. */
  | { readonly kind: 'wait'; readonly waitMs: number; readonly candidates: readonly string[] }
  /** Nothing breached (or a standalone PCLQ missing). */
  | { readonly kind: 'none' };

const NONE: ReplicaTerminationDecision = { kind: 'none' };

export function decideReplicaTermination(input: ReplicaTerminationInput): ReplicaTerminationDecision {
  const { pcs, replicaIndex, now } = input;
  const replica: PcsReplica = { pcs: pcs.metadata.name ?? '', replicaIndex };
  const podCliques = expectedStandalonePodCliques(pcs, replica, input.podCliques);
  if (podCliques === undefined) return NONE;

  const delayMs = terminationDelayMs(pcs);
  const groups = expectedScalingGroups(pcs, replica, input.scalingGroups);
  // Standalone PodCliques first, then PCSGs: the order Grove records them in.
  const candidates = [...podCliqueCandidates(podCliques, delayMs, now), ...scalingGroupCandidates(groups, delayMs, now)];
  const waitMs = minRemainingMs(candidates);
  if (waitMs === undefined) return NONE;
  if (waitMs <= 0) return { kind: 'terminate', reason: terminationReason(replicaIndex, candidates, delayMs) };
  return { kind: 'wait', waitMs, candidates: candidates.map((c) => c.name) };
}

/**
 * The flag the caller sets on every PCSG of a replica just terminated (§4.2). Its status stays
 * True until that PCSG's own breach computes False (see `scalingGroupStatus`), which re-arms
 * termination.
 */
export function gangTerminationInProgressCondition(replicaIndex: number): DesiredCondition {
  return {
    type: CONDITION_TYPE.gangTerminationInProgress,
    status: 'True',
    reason: CONDITION_REASON.gangTerminationInProgress.gangTerminationActive,
    message: `Gang termination deleted the PodCliques of PodCliqueSet replica ${replicaIndex}; they are being recreated`,
  };
}

/** The replica's expected standalone PodCliques, or undefined when one is missing (§4.2). */
function expectedStandalonePodCliques(pcs: PodCliqueSet, replica: PcsReplica, live: readonly PodClique[]): PodClique[] | undefined {
  const found: PodClique[] = [];
  for (const clique of standaloneCliques(pcs)) {
    const name = podCliqueName(replica, clique.name);
    const podClique = live.find((p) => p.metadata.name === name);
    if (podClique === undefined) return undefined;
    found.push(podClique);
  }
  return found;
}

/** The replica's PCSGs that the template still defines; strays are not ours to judge. */
function expectedScalingGroups(pcs: PodCliqueSet, replica: PcsReplica, live: readonly PodCliqueScalingGroup[]): PodCliqueScalingGroup[] {
  const names = new Set(scalingGroupConfigs(pcs).map((g) => podCliqueScalingGroupName(replica, g.name)));
  return live.filter((g) => names.has(g.metadata.name ?? ''));
}

function terminationReason(replicaIndex: number, candidates: readonly BreachCandidate[], delayMs: number): string {
  const expired = candidates.filter((c) => c.remainingMs <= 0).map((c) => c.name);
  return (
    `MinAvailable of ${expired.join(', ')} breached for longer than the terminationDelay of ${delayMs / 1000}s: ` +
    `deleting all PodCliques of PodCliqueSet replica ${replicaIndex}`
  );
}
