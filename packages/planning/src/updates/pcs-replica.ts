/**
 * One PodCliqueSet replica as the rollout orchestration sees it (grove-spec §6.2): its standalone
 * PodCliques and its PodCliqueScalingGroups, found by their generated names.
 */
import {
  podCliqueName,
  podCliqueScalingGroupName,
  type PodClique,
  type PodCliqueScalingGroup,
  type PodCliqueSet,
} from '@grove/api';
import { cliqueMinAvailable, cliqueTemplate, scalingGroupConfigs, standaloneCliques } from '../template.js';
import { isDeleting, isPodCliqueUpdated } from './object-state.js';

export interface PcsReplicaChildren {
  readonly pcs: PodCliqueSet;
  readonly podCliques: readonly PodClique[];
  readonly scalingGroups: readonly PodCliqueScalingGroup[];
  readonly templateHashes: ReadonlyMap<string, string>;
}

function byName<T extends { metadata: { name?: string } }>(objects: readonly T[]): Map<string, T> {
  return new Map(objects.flatMap((o) => (o.metadata.name === undefined ? [] : [[o.metadata.name, o] as const])));
}

/** Each standalone clique of the replica with its live PodClique (undefined when missing). */
function standalonePodCliques(children: PcsReplicaChildren, replicaIndex: number): { clique: string; podClique: PodClique | undefined }[] {
  const live = byName(children.podCliques);
  const replica = { pcs: children.pcs.metadata.name ?? '', replicaIndex };
  return standaloneCliques(children.pcs).map((c) => ({ clique: c.name, podClique: live.get(podCliqueName(replica, c.name)) }));
}

/** Each scaling-group config of the replica with its live PodCliqueScalingGroup (undefined when missing). */
function replicaScalingGroups(children: PcsReplicaChildren, replicaIndex: number): (PodCliqueScalingGroup | undefined)[] {
  const live = byName(children.scalingGroups);
  const replica = { pcs: children.pcs.metadata.name ?? '', replicaIndex };
  return scalingGroupConfigs(children.pcs).map((g) => live.get(podCliqueScalingGroupName(replica, g.name)));
}

/**
 * §6.2: a replica is done when every standalone PodClique is updated and every PodCliqueScalingGroup
 * reports the PCS hash as its converged `currentPodCliqueSetGenerationHash`. A missing child is not done.
 */
export function isReplicaUpdated(children: PcsReplicaChildren, replicaIndex: number): boolean {
  const pcsHash = children.pcs.status?.currentGenerationHash;
  if (pcsHash === undefined) return false;
  const cliquesDone = standalonePodCliques(children, replicaIndex).every(
    ({ clique, podClique }) => podClique !== undefined && isPodCliqueUpdated(podClique, children.templateHashes.get(clique), pcsHash),
  );
  const groupsDone = replicaScalingGroups(children, replicaIndex).every(
    (g) => g !== undefined && !isDeleting(g.metadata) && g.status?.currentPodCliqueSetGenerationHash === pcsHash,
  );
  return cliquesDone && groupsDone;
}

/**
 * §6.2 ordering rule 1: the replica's scheduled pods, Σ standalone PodClique scheduledReplicas +
 * Σ over its scaling groups of scheduledReplicas × each member clique's template minAvailable.
 */
export function scheduledPodCount(children: PcsReplicaChildren, replicaIndex: number): number {
  const standalone = standalonePodCliques(children, replicaIndex).reduce(
    (sum, { podClique }) => sum + (podClique?.status?.scheduledReplicas ?? 0),
    0,
  );
  const grouped = replicaScalingGroups(children, replicaIndex).reduce((sum, group) => {
    if (group === undefined) return sum;
    const podsPerReplica = group.spec.cliqueNames.reduce((n, name) => {
      const template = cliqueTemplate(children.pcs, name);
      return n + (template === undefined ? 0 : cliqueMinAvailable(template));
    }, 0);
    return sum + (group.status?.scheduledReplicas ?? 0) * podsPerReplica;
  }, 0);
  return standalone + grouped;
}
