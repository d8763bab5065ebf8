/**
 * The shape of a PodCliqueSet's gangs (grove-spec §3.1, §2.1): which gangs exist, which PodCliques
 * each one holds, and which untranslated topology constraint applies where. Pods, labels and the
 * translation to node label keys are added by ./gangs.ts.
 *
 * Per PCS replica i: the base gang `<pcs>-i` holds every standalone clique plus scaling-group
 * replicas 0..minAvailable-1; each further scaling-group replica r is its own scaled gang
 * `<pcsgFQN>-(r-minAvailable)` (Appendix A.4). minAvailable is always the template's (it is
 * immutable); the number of replicas is the live PCSG's, since HPA and users scale the PCSG object.
 */
import {
  basePodGangName,
  podCliqueName,
  podCliqueScalingGroupName,
  podGangGroupConfigName,
  scaledPodGangName,
  scalingGroupPodCliqueName,
  type PodCliqueScalingGroup,
  type PodCliqueScalingGroupConfig,
  type PodCliqueSet,
  type PodCliqueTemplateSpec,
  type TopologyConstraint,
} from '@grove/api';
import { cliqueTemplate, groupMinAvailable, groupReplicas, pcsReplicas, scalingGroupConfigs, standaloneCliques } from '../template.js';
import { nameOf } from './objects.js';

/** One PodGroup: a PodClique (by FQN) and the template it was made from. */
export interface PodGroupLayout {
  readonly podClique: string;
  readonly clique: PodCliqueTemplateSpec;
}

/** A PCSG replica inside the base gang that gets its own topologyConstraintGroupConfig. */
export interface GroupConfigLayout {
  readonly name: string;
  readonly podGroupNames: readonly string[];
  readonly constraint: TopologyConstraint;
}

export interface GangLayout {
  readonly name: string;
  readonly podGroups: readonly PodGroupLayout[];
  /** The gang-wide constraint before translation. */
  readonly constraint: TopologyConstraint | undefined;
  readonly groupConfigs: readonly GroupConfigLayout[];
}

/** The PodGroups of one PCSG replica, in the config's `cliqueNames` order (unknown names skipped). */
function scalingGroupReplicaGroups(pcs: PodCliqueSet, group: PodCliqueScalingGroupConfig, pcsg: string, replicaIndex: number): PodGroupLayout[] {
  return group.cliqueNames.flatMap((name) => {
    const clique = cliqueTemplate(pcs, name);
    return clique === undefined ? [] : [{ podClique: scalingGroupPodCliqueName({ pcsg, replicaIndex }, name), clique }];
  });
}

function indices(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, k) => from + k);
}

function baseGang(pcs: PodCliqueSet, replicaIndex: number): GangLayout {
  const r = { pcs: nameOf(pcs), replicaIndex };
  const podGroups: PodGroupLayout[] = standaloneCliques(pcs).map((clique) => ({ podClique: podCliqueName(r, clique.name), clique }));
  const groupConfigs: GroupConfigLayout[] = [];
  for (const group of scalingGroupConfigs(pcs)) {
    const pcsg = podCliqueScalingGroupName(r, group.name);
    for (const pcsgIndex of indices(0, groupMinAvailable(group))) {
      const members = scalingGroupReplicaGroups(pcs, group, pcsg, pcsgIndex);
      podGroups.push(...members);
      if (group.topologyConstraint !== undefined) {
        const name = podGangGroupConfigName({ pcsg, replicaIndex: pcsgIndex });
        groupConfigs.push({ name, podGroupNames: members.map((m) => m.podClique), constraint: group.topologyConstraint });
      }
    }
  }
  return { name: basePodGangName(r), podGroups, constraint: pcs.spec.template.topologyConstraint, groupConfigs };
}

/** Live `spec.replicas` of the PCSG (CRD default 1), or the template's while the PCSG does not exist yet. */
function liveGroupReplicas(group: PodCliqueScalingGroupConfig, pcsg: string, scalingGroups: readonly PodCliqueScalingGroup[]): number {
  const live = scalingGroups.find((g) => nameOf(g) === pcsg);
  return live === undefined ? groupReplicas(group) : (live.spec.replicas ?? 1);
}

function scaledGangs(pcs: PodCliqueSet, replicaIndex: number, scalingGroups: readonly PodCliqueScalingGroup[]): GangLayout[] {
  return scalingGroupConfigs(pcs).flatMap((group) => {
    const pcsg = podCliqueScalingGroupName({ pcs: nameOf(pcs), replicaIndex }, group.name);
    const minAvailable = groupMinAvailable(group);
    // §3.1: the PCSG's own constraint packs the scaled gang; without one the PCS constraint does.
    const constraint = group.topologyConstraint ?? pcs.spec.template.topologyConstraint;
    return indices(minAvailable, liveGroupReplicas(group, pcsg, scalingGroups)).map((pcsgIndex) => ({
      name: scaledPodGangName({ pcsg, replicaIndex: pcsgIndex }, minAvailable),
      podGroups: scalingGroupReplicaGroups(pcs, group, pcsg, pcsgIndex),
      constraint,
      groupConfigs: [],
    }));
  });
}

/** Every expected gang, per PCS replica in order: the base gang, then its scaled gangs. */
export function gangLayouts(pcs: PodCliqueSet, scalingGroups: readonly PodCliqueScalingGroup[]): GangLayout[] {
  return indices(0, pcsReplicas(pcs)).flatMap((i) => [baseGang(pcs, i), ...scaledGangs(pcs, i, scalingGroups)]);
}
