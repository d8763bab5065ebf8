/**
 * PodCliqueScalingGroup replicas as the PCSG rolling recreate sees them (grove-spec §1.3, §6.4): the
 * member PodCliques of each replica index, found by their generated names (strays are ignored).
 */
import { scalingGroupPodCliqueName, type PodClique, type PodCliqueScalingGroup } from '@grove/api';
import { isDeleting, isPodCliqueUpdated, podCliqueMinAvailable, templateHashLabel } from './object-state.js';

export interface MemberPodClique {
  readonly clique: string;
  readonly podClique: PodClique;
}

export interface ScalingGroupReplicas {
  readonly scalingGroup: PodCliqueScalingGroup;
  readonly memberPodCliques: readonly PodClique[];
  readonly templateHashes: ReadonlyMap<string, string>;
}

/** `spec.replicas` (CRD default 1). */
export function scalingGroupReplicaCount(group: PodCliqueScalingGroup): number {
  return group.spec.replicas ?? 1;
}

/** `spec.minAvailable` (CRD default 1). */
export function scalingGroupMinAvailable(group: PodCliqueScalingGroup): number {
  return group.spec.minAvailable ?? 1;
}

/** The live member PodCliques of replica `replicaIndex`, in `cliqueNames` order. */
export function replicaMembers(view: ScalingGroupReplicas, replicaIndex: number): MemberPodClique[] {
  const byName = new Map(view.memberPodCliques.map((p) => [p.metadata.name, p]));
  const pcsg = view.scalingGroup.metadata.name ?? '';
  return view.scalingGroup.spec.cliqueNames.flatMap((clique) => {
    const podClique = byName.get(scalingGroupPodCliqueName({ pcsg, replicaIndex }, clique));
    return podClique === undefined ? [] : [{ clique, podClique }];
  });
}

/** Every existing member carries the expected hash label (vacuously true for a replica with none: it is recreated new). */
export function hasExpectedLabels(view: ScalingGroupReplicas, members: readonly MemberPodClique[]): boolean {
  return members.every(({ clique, podClique }) => templateHashLabel(podClique) === view.templateHashes.get(clique));
}

export type OldReplicaState = 'pending' | 'unavailable' | 'ready';

/** §6.4 step 1: pending if some member has scheduled < minAvailable, unavailable if ready < minAvailable. */
export function oldReplicaState(members: readonly MemberPodClique[]): OldReplicaState {
  const below = (field: 'scheduledReplicas' | 'readyReplicas'): boolean =>
    members.some(({ podClique }) => (podClique.status?.[field] ?? 0) < podCliqueMinAvailable(podClique));
  if (below('scheduledReplicas')) return 'pending';
  return below('readyReplicas') ? 'unavailable' : 'ready';
}

/** All members exist, none is terminating, and each has at least minAvailable scheduled and ready pods (§1.3). */
export function isReplicaAvailable(view: ScalingGroupReplicas, replicaIndex: number): boolean {
  const members = replicaMembers(view, replicaIndex);
  return (
    members.length === view.scalingGroup.spec.cliqueNames.length &&
    members.every(({ podClique }) => {
      const min = podCliqueMinAvailable(podClique);
      const status = podClique.status;
      return !isDeleting(podClique.metadata) && (status?.scheduledReplicas ?? 0) >= min && (status?.readyReplicas ?? 0) >= min;
    })
  );
}

/**
 * §6.4 step 2: a recreated replica is complete when all its expected PodCliques exist, each with the
 * expected hash label, matching converged template and generation hashes, ready ≥ min and updated ≥ min.
 */
export function isReplicaComplete(view: ScalingGroupReplicas, replicaIndex: number, pcsGenerationHash: string): boolean {
  const members = replicaMembers(view, replicaIndex);
  return (
    members.length === view.scalingGroup.spec.cliqueNames.length &&
    members.every(({ clique, podClique }) => isPodCliqueUpdated(podClique, view.templateHashes.get(clique), pcsGenerationHash))
  );
}
