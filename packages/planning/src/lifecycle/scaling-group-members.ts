/**
 * Member PodClique sync of a PodCliqueScalingGroup (grove-spec §2.4 steps 2–3).
 *
 * - Scale-in: every PCSG replica index at or past `spec.replicas` that still has a non-terminating
 *   member is deleted whole (the caller deletes by PCSG + replica-index labels). The index is read
 *   from the `grove.io/podcliquescalinggroup-replica-index` label, as the delete-collection selects.
 * - Create: each expected member (`<pcsgFQN>-<pcsgIdx>-<clique>` for indices below `spec.replicas`
 *   and every clique in `cliqueNames`) with no object of that name. A terminating member still
 *   holds its name, so it is recreated only once it is gone. Existing members are never listed:
 *   under RollingRecreate template changes reach them by replica recreation; under OnDelete the
 *   caller patches them in place.
 */
import { LABEL, scalingGroupPodCliqueName, type PodClique, type PodCliqueScalingGroup } from '@grove/api';
import { indexLabel, indices, isTerminating, scalingGroupReplicaCount } from './object-views.js';

export interface MemberSyncInput {
  readonly scalingGroup: PodCliqueScalingGroup;
  readonly memberPodCliques: readonly PodClique[];
  readonly pcsgName: string;
}

export interface MemberSyncPlan {
  /** PCSG replica indices whose PodCliques to delete (scale-in): spec.replicas .. highest existing. */
  readonly deleteReplicaIndices: readonly number[];
  /** Missing member PodCliques to create. */
  readonly create: readonly { readonly groupReplica: number; readonly clique: string; readonly name: string }[];
}

export function planMemberPodCliques(input: MemberSyncInput): MemberSyncPlan {
  const replicas = scalingGroupReplicaCount(input.scalingGroup);
  return { deleteReplicaIndices: excessReplicaIndices(input.memberPodCliques, replicas), create: missingMembers(input, replicas) };
}

function excessReplicaIndices(members: readonly PodClique[], replicas: number): number[] {
  const excess = new Set<number>();
  for (const member of members) {
    const index = indexLabel(member.metadata, LABEL.podCliqueScalingGroupReplicaIndex);
    if (index !== undefined && index >= replicas && !isTerminating(member.metadata)) excess.add(index);
  }
  return [...excess].sort((a, b) => a - b);
}

function missingMembers(input: MemberSyncInput, replicas: number): MemberSyncPlan['create'] {
  const existing = new Set(input.memberPodCliques.map((p) => p.metadata.name));
  return indices(replicas).flatMap((groupReplica) =>
    input.scalingGroup.spec.cliqueNames
      .map((clique) => {
        const name = scalingGroupPodCliqueName({ pcsg: input.pcsgName, replicaIndex: groupReplica }, clique);
        return { groupReplica, clique, name };
      })
      .filter((member) => !existing.has(member.name)),
  );
}
