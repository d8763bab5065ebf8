/**
 * The member PodCliques of one PodCliqueScalingGroup replica, found by their generated names
 * (`<pcsgFQN>-<pcsgIdx>-<clique>`, grove-spec §2.1) for the group's current `cliqueNames`. Members
 * of cliques no longer listed, or of replica indices past `spec.replicas`, are never found: they are
 * the strays §1.3 tells status to ignore.
 */
import { scalingGroupPodCliqueName, type PodClique, type PodCliqueScalingGroup } from '@grove/api';
import { isTerminating } from './object-views.js';

export interface ReplicaMember {
  readonly clique: string;
  readonly podClique: PodClique;
}

/** The non-terminating members of replica `replicaIndex`, in `cliqueNames` order; missing ones are absent. */
export function liveReplicaMembers(
  group: PodCliqueScalingGroup,
  memberPodCliques: readonly PodClique[],
  replicaIndex: number,
): ReplicaMember[] {
  const pcsg = group.metadata.name ?? '';
  return group.spec.cliqueNames.flatMap((clique) => {
    const name = scalingGroupPodCliqueName({ pcsg, replicaIndex }, clique);
    const podClique = memberPodCliques.find((p) => p.metadata.name === name && !isTerminating(p.metadata));
    return podClique === undefined ? [] : [{ clique, podClique }];
  });
}

/** Every member clique of the replica has a live PodClique (§1.3 "all expected member PCLQs exist"). */
export function isComplete(group: PodCliqueScalingGroup, members: readonly ReplicaMember[]): boolean {
  return members.length === group.spec.cliqueNames.length;
}
