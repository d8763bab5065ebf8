/**
 * The PodGangs a PodCliqueSet should have right now (grove-spec §3.1, §3.2 step 2, §3.3, §8): the
 * gang layout of ./gang-layout.ts filled with the pods associated so far, labels, annotations and
 * translated topology constraints. Owner references and status are the reconciler's to add.
 */
import {
  LABEL,
  type ClusterTopologyBinding,
  type PodCliqueSet,
  type PodGang,
  type PodGangTopologyConstraint,
  type PodGroup,
  type TopologyConstraint,
  type TopologyConstraintGroupConfig,
} from '@grove/api';
import type { V1Pod } from '@kubernetes/client-node';
import { cliqueMinAvailable } from '../template.js';
import { gangLayouts, type GangLayout, type PodGroupLayout } from './gang-layout.js';
import { gangSchedulerName, podGangAnnotations, podGangLabels } from './gang-metadata.js';
import { byCodeUnits, isTerminating, labelOf, nameOf } from './objects.js';
import { activeTopology, translateConstraint } from './topology.js';
import type { GangWorld } from './world.js';

export { podGangReady, podGangStatusUpdate } from './gang-status.js';

/** What every gang of one reconcile shares. */
interface GangContext {
  readonly pcs: PodCliqueSet;
  readonly topology: ClusterTopologyBinding | undefined;
  readonly podsByClique: ReadonlyMap<string, readonly V1Pod[]>;
  readonly schedulerName: string;
}

/** Non-terminating pods by their `grove.io/podclique` label. */
function livePodsByClique(pods: readonly V1Pod[]): Map<string, V1Pod[]> {
  const byClique = new Map<string, V1Pod[]>();
  for (const pod of pods) {
    const clique = labelOf(pod, LABEL.podClique);
    if (clique === undefined || isTerminating(pod) || nameOf(pod) === '') continue;
    byClique.set(clique, [...(byClique.get(clique) ?? []), pod]);
  }
  return byClique;
}

function translate(constraint: TopologyConstraint | undefined, ctx: GangContext): PodGangTopologyConstraint | undefined {
  return ctx.topology === undefined ? undefined : translateConstraint(constraint, ctx.topology);
}

/**
 * §3.3: a pod belongs to the gang its `grove.io/podgang` label names, so references grow as pods
 * are created; sorted by name so an unchanged set never rewrites the gang.
 */
function podGroup(group: PodGroupLayout, gang: string, ctx: GangContext): PodGroup {
  const namespace = ctx.pcs.metadata.namespace ?? '';
  const podReferences = (ctx.podsByClique.get(group.podClique) ?? [])
    .filter((pod) => labelOf(pod, LABEL.podGang) === gang)
    .map((pod) => ({ namespace: pod.metadata?.namespace ?? namespace, name: nameOf(pod) }))
    .sort((a, b) => byCodeUnits(a.name, b.name));
  const topologyConstraint = translate(group.clique.topologyConstraint, ctx);
  // Appendix A.3: the template minAvailable, never scaled by the number of PCSG replicas.
  return {
    name: group.podClique,
    podReferences,
    minReplicas: cliqueMinAvailable(group.clique),
    ...(topologyConstraint && { topologyConstraint }),
  };
}

function groupConfigs(layout: GangLayout, ctx: GangContext): TopologyConstraintGroupConfig[] {
  return layout.groupConfigs.flatMap((config) => {
    const topologyConstraint = translate(config.constraint, ctx);
    return topologyConstraint === undefined ? [] : [{ name: config.name, podGroupNames: [...config.podGroupNames], topologyConstraint }];
  });
}

function podGang(layout: GangLayout, ctx: GangContext): PodGang {
  const podgroups = layout.podGroups.map((group) => podGroup(group, layout.name, ctx));
  const topologyConstraint = translate(layout.constraint, ctx);
  const topologyConstraintGroupConfigs = groupConfigs(layout, ctx);
  const constrained =
    topologyConstraint !== undefined || topologyConstraintGroupConfigs.length > 0 || podgroups.some((g) => g.topologyConstraint !== undefined);
  const priorityClassName = ctx.pcs.spec.template.priorityClassName;
  const namespace = ctx.pcs.metadata.namespace;
  return {
    apiVersion: 'scheduler.grove.io/v1alpha1',
    kind: 'PodGang',
    metadata: {
      name: layout.name,
      ...(namespace !== undefined && { namespace }),
      labels: podGangLabels(ctx.pcs, ctx.schedulerName),
      annotations: podGangAnnotations(ctx.pcs, constrained ? ctx.topology?.metadata.name : undefined),
    },
    spec: {
      podgroups,
      ...(topologyConstraint && { topologyConstraint }),
      ...(topologyConstraintGroupConfigs.length > 0 && { topologyConstraintGroupConfigs }),
      ...(priorityClassName !== undefined && priorityClassName !== '' && { priorityClassName }),
    },
  };
}

/**
 * Every PodGang the PCS should have, per PCS replica in order: the base gang, then its scaled
 * gangs. Labels, annotations and spec only: no owner references, no status.
 */
export function expectedPodGangs(world: GangWorld): PodGang[] {
  const ctx: GangContext = {
    pcs: world.pcs,
    topology: activeTopology(world.pcs, world.topology, world.topologyAwareScheduling),
    podsByClique: livePodsByClique(world.pods),
    schedulerName: gangSchedulerName(world.pcs, world.defaultSchedulerName),
  };
  return gangLayouts(world.pcs, world.scalingGroups).map((layout) => podGang(layout, ctx));
}
