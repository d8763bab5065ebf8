/**
 * PodCliqueScalingGroup-replica gang termination (grove-spec §4.3), decided by the PCSG controller.
 *
 * A PCSG replica is a candidate when one of its live member PodCliques is breached and was ever
 * scheduled (§4.1); its wait is the shortest among those members. Then:
 * - if fewer than `minAvailable` replicas would remain unbreached, the PCSG as a whole is breached
 *   and the PodCliqueSet level decides (§4.2): nothing is deleted here;
 * - otherwise the members of every expired replica are deleted, to be recreated by the next sync.
 *   Recreated PodCliques were never scheduled, so they cannot re-fire at once (Appendix A item 5);
 * - unexpired candidates are waited for.
 *
 * Nothing is decided while a PCSG update is in progress (§2.4 step 4): the rolling update replaces
 * replicas itself. An OnDelete update record is born ended, so it does not suppress termination
 * (Appendix A item 6).
 */
import type { PodClique, PodCliqueScalingGroup, PodCliqueSet } from '@grove/api';
import { terminationDelayMs } from '../template.js';
import { minRemainingMs, podCliqueCandidates } from './candidates.js';
import { indices, scalingGroupMinAvailable, scalingGroupReplicaCount } from './object-views.js';
import { liveReplicaMembers } from './scaling-group-replicas.js';

export interface GroupTerminationInput {
  readonly pcs: PodCliqueSet;
  readonly scalingGroup: PodCliqueScalingGroup;
  readonly memberPodCliques: readonly PodClique[];
  readonly now: Date;
}

export type GroupTerminationDecision =
  /** Delete the member PodCliques of these replicas; `waitMs` is set when other replicas are still waiting. */
  | { readonly kind: 'terminateReplicas'; readonly replicaIndices: readonly number[]; readonly waitMs?: number }
  /** Too many replicas breached: the PCS level decides (§4.2). */
  | { readonly kind: 'leaveToPodCliqueSet' }
  | { readonly kind: 'wait'; readonly waitMs: number }
  | { readonly kind: 'none' };

interface BreachedReplica {
  readonly replicaIndex: number;
  readonly remainingMs: number;
}

const NONE: GroupTerminationDecision = { kind: 'none' };

export function decideGroupReplicaTermination(input: GroupTerminationInput): GroupTerminationDecision {
  const group = input.scalingGroup;
  if (updateInProgress(group)) return NONE;
  const replicas = scalingGroupReplicaCount(group);
  const breached = breachedReplicas(input, replicas);
  if (breached.length === 0) return NONE;
  if (replicas - breached.length < scalingGroupMinAvailable(group)) return { kind: 'leaveToPodCliqueSet' };

  const expired = breached.filter((b) => b.remainingMs <= 0).map((b) => b.replicaIndex);
  const waiting = breached.filter((b) => b.remainingMs > 0).map((b) => b.remainingMs);
  const waitMs = waiting.length > 0 ? Math.min(...waiting) : undefined;
  if (expired.length > 0) return { kind: 'terminateReplicas', replicaIndices: expired, ...(waitMs !== undefined && { waitMs }) };
  return waitMs === undefined ? NONE : { kind: 'wait', waitMs };
}

function breachedReplicas(input: GroupTerminationInput, replicas: number): BreachedReplica[] {
  const delayMs = terminationDelayMs(input.pcs);
  return indices(replicas).flatMap((replicaIndex) => {
    const members = liveReplicaMembers(input.scalingGroup, input.memberPodCliques, replicaIndex).map((m) => m.podClique);
    const remainingMs = minRemainingMs(podCliqueCandidates(members, delayMs, input.now));
    return remainingMs === undefined ? [] : [{ replicaIndex, remainingMs }];
  });
}

/** An auto (RollingRecreate) PCSG update has started and not ended (§6.4). */
function updateInProgress(group: PodCliqueScalingGroup): boolean {
  const progress = group.status?.updateProgress;
  return progress !== undefined && progress.updateEndedAt === undefined;
}
