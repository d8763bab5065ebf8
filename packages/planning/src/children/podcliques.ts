/**
 * The PodCliques a PodCliqueSet's controllers create: standalone ones, one per PCS replica per
 * clique outside any scaling group (grove-spec §2.2), and scaling-group members, one per PCSG
 * replica per member clique (§2.4). Both copy the clique template; what differs is the labels that
 * tie them to their gang, and the startup dependencies resolved for that gang (§5).
 *
 * `existingReplicas` is the replica count of the PodClique already in the cluster: it is kept,
 * because an HPA or `kubectl scale` owns it once the object exists (Appendix A.1).
 */
import type { V1PodSpec } from '@kubernetes/client-node';
import {
  basePodGangName,
  COMPONENT,
  defaultLabels,
  LABEL,
  podCliqueName,
  podCliqueScalingGroupName,
  scaledPodGangName,
  scalingGroupPodCliqueName,
  type PcsReplica,
  type PodClique,
  type PodCliqueSet,
  type PodCliqueSpec,
  type PodCliqueTemplateSpec,
} from '@grove/api';
import { cliqueMinAvailable, cliqueReplicas, groupMinAvailable, pcsReplicas, standaloneCliques } from '../template.js';
import { childMetadata, podCliqueAnnotations, type StringMap } from './child-metadata.js';
import { podTemplateHash } from './hash.js';
import { scalingGroupEnv, scalingGroupTemplateNumPods, withPrependedEnv } from './scaling-group-env.js';
import { startupDependencies, type CliquePlacement } from './startup-order.js';
import { pcsNameOf, requireClique, requireScalingGroup } from './template-lookup.js';

export function standalonePodClique(pcs: PodCliqueSet, pcsReplica: number, clique: string, existingReplicas?: number): PodClique {
  const template = requireClique(pcs, clique);
  const replica: PcsReplica = { pcs: pcsNameOf(pcs), replicaIndex: pcsReplica };
  const name = podCliqueName(replica, clique);
  const labels = {
    ...cliqueBaseLabels(pcs, template, name, COMPONENT.pcsPodClique),
    [LABEL.podCliqueSetReplicaIndex]: String(pcsReplica),
    [LABEL.podGang]: basePodGangName(replica),
    [LABEL.podTemplateHash]: podTemplateHash(pcs, clique),
  };
  const placement: CliquePlacement = { kind: 'standalone' };
  return {
    apiVersion: 'grove.io/v1alpha1',
    kind: 'PodClique',
    metadata: childMetadata(pcs, name, labels, podCliqueAnnotations(template.annotations)),
    spec: podCliqueSpec(template, {
      replicas: existingReplicas ?? cliqueReplicas(template),
      podSpec: structuredClone(template.spec.podSpec),
      startsAfter: startupDependencies(pcs, pcsReplica, clique, placement).map((d) => d.podClique),
    }),
  };
}

export function scalingGroupMemberPodClique(
  pcs: PodCliqueSet,
  pcsReplica: number,
  group: string,
  groupReplica: number,
  clique: string,
  existingReplicas?: number,
): PodClique {
  const template = requireClique(pcs, clique);
  const config = requireScalingGroup(pcs, group);
  const replica: PcsReplica = { pcs: pcsNameOf(pcs), replicaIndex: pcsReplica };
  const pcsg = podCliqueScalingGroupName(replica, group);
  const name = scalingGroupPodCliqueName({ pcsg, replicaIndex: groupReplica }, clique);
  const placement: CliquePlacement = { kind: 'member', group, groupReplica };
  // Replicas below the group's minAvailable are in the base gang; each further one is its own gang (§3.1).
  const minAvailable = groupMinAvailable(config);
  const gangLabels: StringMap =
    groupReplica < minAvailable
      ? { [LABEL.podGang]: basePodGangName(replica) }
      : { [LABEL.podGang]: scaledPodGangName({ pcsg, replicaIndex: groupReplica }, minAvailable), [LABEL.basePodGang]: basePodGangName(replica) };
  const labels = {
    ...cliqueBaseLabels(pcs, template, name, COMPONENT.pcsgPodClique),
    [LABEL.podCliqueScalingGroup]: pcsg,
    ...gangLabels,
    [LABEL.podCliqueSetReplicaIndex]: String(pcsReplica),
    [LABEL.podCliqueScalingGroupReplicaIndex]: String(groupReplica),
    [LABEL.podTemplateHash]: podTemplateHash(pcs, clique),
  };
  return {
    apiVersion: 'grove.io/v1alpha1',
    kind: 'PodClique',
    metadata: childMetadata(pcs, name, labels, podCliqueAnnotations(template.annotations)),
    spec: podCliqueSpec(template, {
      // Per-replica pod count: a group replica has the template's pods, never multiplied (§2.4).
      replicas: existingReplicas ?? cliqueReplicas(template),
      podSpec: withPrependedEnv(structuredClone(template.spec.podSpec), scalingGroupEnv(scalingGroupTemplateNumPods(pcs, config))),
      startsAfter: startupDependencies(pcs, pcsReplica, clique, placement).map((d) => d.podClique),
    }),
  };
}

/** Every standalone PodClique the PCS should have: replicas 0..spec.replicas-1 × standalone cliques. */
export function expectedStandalonePodCliqueNames(pcs: PodCliqueSet): string[] {
  const pcsName = pcsNameOf(pcs);
  return Array.from({ length: pcsReplicas(pcs) }, (_, replicaIndex) =>
    standaloneCliques(pcs).map((clique) => podCliqueName({ pcs: pcsName, replicaIndex }, clique.name)),
  ).flat();
}

/** The member PodCliques of group replicas 0..groupReplicas-1 of one PCSG, replica by replica. */
export function expectedScalingGroupMemberPodCliqueNames(pcs: PodCliqueSet, pcsReplica: number, group: string, groupReplicas: number): string[] {
  const config = requireScalingGroup(pcs, group);
  const pcsg = podCliqueScalingGroupName({ pcs: pcsNameOf(pcs), replicaIndex: pcsReplica }, group);
  return Array.from({ length: groupReplicas }, (_, replicaIndex) =>
    config.cliqueNames.map((clique) => scalingGroupPodCliqueName({ pcsg, replicaIndex }, clique)),
  ).flat();
}

/** Template labels first, so a template can never override the labels Grove selects by (§2.2). */
function cliqueBaseLabels(pcs: PodCliqueSet, template: PodCliqueTemplateSpec, name: string, component: string): StringMap {
  return { ...template.labels, ...defaultLabels(pcsNameOf(pcs)), [LABEL.name]: name, [LABEL.component]: component };
}

interface GeneratedSpecParts {
  readonly replicas: number;
  readonly podSpec: V1PodSpec;
  /** FQNs; left out of the spec when empty. */
  readonly startsAfter: readonly string[];
}

function podCliqueSpec(template: PodCliqueTemplateSpec, parts: GeneratedSpecParts): PodCliqueSpec {
  // The template's startsAfter holds clique names; the generated one holds FQNs or is absent.
  const { startsAfter: _cliqueNames, podSpec: _templatePodSpec, ...rest } = template.spec;
  return {
    ...structuredClone(rest),
    podSpec: parts.podSpec,
    replicas: parts.replicas,
    minAvailable: cliqueMinAvailable(template),
    ...(parts.startsAfter.length > 0 && { startsAfter: [...parts.startsAfter] }),
  };
}
