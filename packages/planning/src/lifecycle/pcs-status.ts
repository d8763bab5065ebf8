/**
 * PodCliqueSet status counts (grove-spec §1.1, §6.6), computed over replica indices
 * `0..spec.replicas-1` from the live standalone PodCliques and PodCliqueScalingGroups.
 *
 * - A replica is *available* when its non-terminating standalone PodCliques are exactly the
 *   expected ones, each with `readyReplicas ≥ minAvailable`, and likewise its PCSGs, each with
 *   `availableReplicas ≥ minAvailable`.
 * - A replica is *updated* when it is available, every standalone PodClique is updated (§6.2), and
 *   every PCSG reports `currentPodCliqueSetGenerationHash` = the PCS's generation hash.
 * - The update-progress counts cover standalone PodCliques and PCSGs only; PCSG members are
 *   counted by their PCSG (§6.6).
 *
 * Children are matched by their generated names (§2.1), so strays the template no longer defines
 * never count.
 */
import {
  podCliqueName,
  podCliqueScalingGroupName,
  type PcsReplica,
  type PodClique,
  type PodCliqueScalingGroup,
  type PodCliqueSet,
} from '@grove/api';
import { pcsReplicas, scalingGroupConfigs, standaloneCliques } from '../template.js';
import { indices, isTerminating, podCliqueMinAvailable, scalingGroupMinAvailable } from './object-views.js';
import { podCliqueUpdated } from './podclique-updated.js';

export interface PcsStatusInput {
  readonly pcs: PodCliqueSet;
  readonly generationHash: string;
  /** Live standalone PCLQs of the PCS (all replicas). */
  readonly podCliques: readonly PodClique[];
  /** Live PCSGs of the PCS. */
  readonly scalingGroups: readonly PodCliqueScalingGroup[];
  /** The pod-template hash each standalone clique should have, by clique name. */
  readonly templateHashes: ReadonlyMap<string, string>;
}

export interface PcsReplicaCounts {
  readonly availableReplicas: number;
  readonly updatedReplicas: number;
  /** Standalone PodCliques only. */
  readonly updatedPodCliquesCount: number;
  readonly totalPodCliquesCount: number;
  readonly updatedPodCliqueScalingGroupsCount: number;
  readonly totalPodCliqueScalingGroupsCount: number;
}

/** A replica's non-terminating expected children, with the expected counts to compare against. */
interface ReplicaChildren {
  readonly podCliques: readonly { readonly clique: string; readonly podClique: PodClique }[];
  readonly expectedPodCliques: number;
  readonly scalingGroups: readonly PodCliqueScalingGroup[];
  readonly expectedScalingGroups: number;
}

export function pcsReplicaCounts(input: PcsStatusInput): PcsReplicaCounts {
  const replicas = indices(pcsReplicas(input.pcs));
  const children = replicas.map((i) => replicaChildren(input, i));
  return {
    availableReplicas: replicas.filter((i) => replicaAvailable(input, i)).length,
    updatedReplicas: replicas.filter((i) => replicaUpdated(input, i)).length,
    updatedPodCliquesCount: sum(children.map((c) => c.podCliques.filter((p) => standaloneUpdated(input, p)).length)),
    totalPodCliquesCount: sum(children.map((c) => c.expectedPodCliques)),
    updatedPodCliqueScalingGroupsCount: sum(children.map((c) => c.scalingGroups.filter((g) => groupUpdated(input, g)).length)),
    totalPodCliqueScalingGroupsCount: sum(children.map((c) => c.expectedScalingGroups)),
  };
}

export function replicaAvailable(input: PcsStatusInput, replicaIndex: number): boolean {
  const c = replicaChildren(input, replicaIndex);
  return (
    c.podCliques.length === c.expectedPodCliques &&
    c.podCliques.every(({ podClique }) => (podClique.status?.readyReplicas ?? 0) >= podCliqueMinAvailable(podClique)) &&
    c.scalingGroups.length === c.expectedScalingGroups &&
    c.scalingGroups.every((g) => (g.status?.availableReplicas ?? 0) >= scalingGroupMinAvailable(g))
  );
}

export function replicaUpdated(input: PcsStatusInput, replicaIndex: number): boolean {
  if (!replicaAvailable(input, replicaIndex)) return false;
  const c = replicaChildren(input, replicaIndex);
  return c.podCliques.every((p) => standaloneUpdated(input, p)) && c.scalingGroups.every((g) => groupUpdated(input, g));
}

function replicaChildren(input: PcsStatusInput, replicaIndex: number): ReplicaChildren {
  const replica: PcsReplica = { pcs: input.pcs.metadata.name ?? '', replicaIndex };
  const cliques = standaloneCliques(input.pcs).map((c) => c.name);
  const groupNames = new Set(scalingGroupConfigs(input.pcs).map((g) => podCliqueScalingGroupName(replica, g.name)));
  return {
    podCliques: cliques.flatMap((clique) => {
      const name = podCliqueName(replica, clique);
      const podClique = input.podCliques.find((p) => p.metadata.name === name && !isTerminating(p.metadata));
      return podClique === undefined ? [] : [{ clique, podClique }];
    }),
    expectedPodCliques: cliques.length,
    scalingGroups: input.scalingGroups.filter((g) => groupNames.has(g.metadata.name ?? '') && !isTerminating(g.metadata)),
    expectedScalingGroups: groupNames.size,
  };
}

function standaloneUpdated(input: PcsStatusInput, { clique, podClique }: { clique: string; podClique: PodClique }): boolean {
  const expectedHash = input.templateHashes.get(clique);
  return expectedHash !== undefined && podCliqueUpdated(podClique, input.generationHash, expectedHash);
}

/** A PCSG is updated once its own status says it converged to the PCS's generation (§6.2). */
function groupUpdated(input: PcsStatusInput, group: PodCliqueScalingGroup): boolean {
  return group.status?.currentPodCliqueSetGenerationHash === input.generationHash;
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
