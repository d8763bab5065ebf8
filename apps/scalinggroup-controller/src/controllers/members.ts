/**
 * Member PodCliques of a scaling group (grove-spec §2.4): scale-in deletes the PodCliques of the
 * highest replicas; missing members are created from the template. Under RollingRecreate existing
 * members are never patched (template changes reach them by replica recreation, §6.4); under
 * OnDelete they are patched in place.
 */
import { COMPONENT, FINALIZER, LABEL, PodCliqueGVK, type PodClique, type PodCliqueScalingGroup, type PodCliqueSet } from '@grove/api';
import { cached, ensureScalable, partOf } from '@grove/controller-kit';
import { isOnDelete, planMemberPodCliques, scalingGroupMemberPodClique } from '@grove/planning';
import type { ScalingGroupDeps } from './deps.js';

export interface GroupPlace {
  readonly pcsReplica: number;
  /** The group's name in the PodCliqueSet template. */
  readonly group: string;
}

export function membersOf(pcsg: PodCliqueScalingGroup, deps: Pick<ScalingGroupDeps, 'world'>): PodClique[] {
  const pcs = pcsg.metadata.labels?.[LABEL.partOf] ?? '';
  return partOf(deps.world.podCliques, pcsg.metadata.namespace ?? '', pcs).filter(
    (p) => p.metadata.labels?.[LABEL.component] === COMPONENT.pcsgPodClique && p.metadata.labels[LABEL.podCliqueScalingGroup] === pcsg.metadata.name,
  );
}

/** Deletes the PodCliques of the given group replicas (scale-in, gang termination, rolling recreate). */
export async function deleteReplicas(pcsg: PodCliqueScalingGroup, indices: readonly number[], deps: ScalingGroupDeps): Promise<number> {
  const doomed = new Set(indices.map(String));
  const victims = membersOf(pcsg, deps).filter((p) => doomed.has(p.metadata.labels?.[LABEL.podCliqueScalingGroupReplicaIndex] ?? ''));
  await Promise.all(victims.map((p) => deps.children.remove(PodCliqueGVK, pcsg, p)));
  return victims.length;
}

export async function syncMembers(pcs: PodCliqueSet, pcsg: PodCliqueScalingGroup, place: GroupPlace, deps: ScalingGroupDeps): Promise<void> {
  const members = membersOf(pcsg, deps);
  const plan = planMemberPodCliques({ scalingGroup: pcsg, memberPodCliques: members, pcsgName: pcsg.metadata.name ?? '' });
  if (plan.deleteReplicaIndices.length > 0) await deleteReplicas(pcsg, plan.deleteReplicaIndices, deps);
  const namespace = pcsg.metadata.namespace ?? '';
  const toWrite = isOnDelete(pcs) ? allWanted(pcsg) : plan.create.map(({ groupReplica, clique }) => ({ groupReplica, clique }));
  await Promise.all(
    toWrite.map(({ groupReplica, clique }) => {
      const desired = scalingGroupMemberPodClique(pcs, place.pcsReplica, place.group, groupReplica, clique);
      const current = cached(deps.world.podCliques, namespace, desired.metadata.name ?? '');
      return ensureScalable(deps.children, PodCliqueGVK, pcsg, desired, current, FINALIZER.podClique);
    }),
  );
}

function allWanted(pcsg: PodCliqueScalingGroup): { groupReplica: number; clique: string }[] {
  const replicas = pcsg.spec.replicas ?? 1;
  return Array.from({ length: replicas }, (_, groupReplica) => pcsg.spec.cliqueNames.map((clique) => ({ groupReplica, clique }))).flat();
}
