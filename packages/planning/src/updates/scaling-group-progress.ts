/**
 * The PodCliqueScalingGroup's own update progress fields (grove-spec §1.3, §6.6), derived from its
 * live member PodCliques on every status pass: the `updateProgress` PodClique counts, and the
 * converged `currentPodCliqueSetGenerationHash` that tells the PCS orchestration (§6.2) the group
 * is done. Member PodCliques are found by generated name, so strays past spec.replicas never count.
 */
import type { PodClique, PodCliqueScalingGroup, PodCliqueSet } from '@grove/api';
import { isDeleting } from './object-state.js';
import { isReplicaComplete, replicaMembers, scalingGroupReplicaCount, type ScalingGroupReplicas } from './scaling-group-replica.js';

function replicaIndices(scalingGroup: PodCliqueScalingGroup): number[] {
  return Array.from({ length: scalingGroupReplicaCount(scalingGroup) }, (_, i) => i);
}

/**
 * §1.3 `updateProgress.{updated,total}PodCliquesCount`: replicas × len(cliqueNames) expected
 * members, and how many live ones have converged to the PCS hash.
 */
export function scalingGroupProgressCounts(
  pcs: PodCliqueSet,
  scalingGroup: PodCliqueScalingGroup,
  memberPodCliques: readonly PodClique[],
): { readonly updatedPodCliquesCount: number; readonly totalPodCliquesCount: number } {
  const pcsHash = pcs.status?.currentGenerationHash;
  const view: ScalingGroupReplicas = { scalingGroup, memberPodCliques, templateHashes: new Map() };
  const indices = replicaIndices(scalingGroup);
  const converged = ({ podClique }: { podClique: PodClique }): boolean =>
    pcsHash !== undefined && !isDeleting(podClique.metadata) && podClique.status?.currentPodCliqueSetGenerationHash === pcsHash;
  return {
    updatedPodCliquesCount: indices.flatMap((i) => replicaMembers(view, i)).filter(converged).length,
    totalPodCliquesCount: indices.length * scalingGroup.spec.cliqueNames.length,
  };
}

/**
 * §1.3 `currentPodCliqueSetGenerationHash`: the PCS hash once no update of the group is running and
 * every expected member of every replica is updated (§6.4 step 2's "complete"). Undefined = not
 * converged: leave the field as it is.
 */
export function scalingGroupConvergedHash(
  pcs: PodCliqueSet,
  scalingGroup: PodCliqueScalingGroup,
  memberPodCliques: readonly PodClique[],
  templateHashes: ReadonlyMap<string, string>,
): string | undefined {
  const pcsHash = pcs.status?.currentGenerationHash;
  const record = scalingGroup.status?.updateProgress;
  if (pcsHash === undefined || (record !== undefined && record.updateEndedAt === undefined)) return undefined;
  const view: ScalingGroupReplicas = { scalingGroup, memberPodCliques, templateHashes };
  return replicaIndices(scalingGroup).every((i) => isReplicaComplete(view, i, pcsHash)) ? pcsHash : undefined;
}
