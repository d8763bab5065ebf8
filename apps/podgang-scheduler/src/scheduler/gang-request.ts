/**
 * PodGang + its pods → the placement model's GangRequest, and whether the gang is ready to try:
 * every PodGroup has at least `minReplicas` ungated pods (bound, assumed or pending), grove-spec
 * §1.5, §3.3–§3.4. Pure: the caller passes the cached pods and what the snapshot assumes.
 */
import type { V1Pod } from '@kubernetes/client-node';
import type { PodGang, PodGangTopologyConstraint, PodGroup } from '@grove/api';
import { LABEL } from '@grove/api';
import type { GangRequest, PackConstraint, PodGroupRequest, PodRequest, TopologyGroupRequest } from '@grove/placement';
import { isBound, isGated, isPendingFor, isTerminal, isTerminating, podKey } from './pod-facts.js';
import { toPodRequest } from './pod-request.js';

export interface GangBuildContext {
  readonly schedulerName: string;
  /** The node a pod is assumed on (placed, its binding not yet seen in the cache), if any. */
  readonly assumedNode: (podKey: string) => string | undefined;
}

export type GangReadiness = { readonly ready: true } | { readonly ready: false; readonly reason: string };

export interface GangBuild {
  readonly request: GangRequest;
  readonly readiness: GangReadiness;
  /** Pods to place now, over all groups. */
  readonly pendingCount: number;
  /** Σ minReplicas. */
  readonly minimum: number;
  /** The gang's live pods by key (for status writes and events). */
  readonly pods: ReadonlyMap<string, V1Pod>;
}

/** `packConstraint` as the placement model wants it; undefined when it constrains nothing. */
export function packOf(constraint: PodGangTopologyConstraint | undefined): PackConstraint | undefined {
  const { required, preferred } = constraint?.packConstraint ?? {};
  if (!required && !preferred) return undefined;
  return { ...(required && { required }), ...(preferred && { preferred }) };
}

/**
 * The PodGroup of a pod: the one whose `podReferences` name it, else the one named by its
 * `grove.io/podclique` label (references are filled incrementally, grove-spec §3.3).
 */
export function groupOfPod(gang: PodGang, pod: V1Pod): PodGroup | undefined {
  const { namespace, name } = pod.metadata ?? {};
  const referenced = gang.spec.podgroups.find((g) => g.podReferences.some((r) => r.name === name && r.namespace === namespace));
  if (referenced) return referenced;
  const clique = pod.metadata?.labels?.[LABEL.podClique];
  return clique === undefined ? undefined : gang.spec.podgroups.find((g) => g.name === clique);
}

interface GroupMembers {
  readonly pending: V1Pod[];
  readonly boundNodes: string[];
}

function sortByName(pods: V1Pod[]): PodRequest[] {
  return pods.sort((a, b) => (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? '')).map(toPodRequest);
}

function collectMembers(gang: PodGang, candidates: readonly V1Pod[], ctx: GangBuildContext): { members: Map<string, GroupMembers>; pods: Map<string, V1Pod> } {
  const members = new Map<string, GroupMembers>(gang.spec.podgroups.map((g) => [g.name, { pending: [], boundNodes: [] }]));
  const pods = new Map<string, V1Pod>();
  for (const pod of candidates) {
    const key = podKey(pod);
    if (pods.has(key) || pod.metadata?.namespace !== gang.metadata.namespace || isTerminating(pod) || isTerminal(pod)) continue;
    const group = groupOfPod(gang, pod);
    const into = group && members.get(group.name);
    if (!into) continue;
    pods.set(key, pod);
    const assumed = ctx.assumedNode(key);
    if (isBound(pod)) into.boundNodes.push(pod.spec?.nodeName ?? '');
    else if (assumed !== undefined) into.boundNodes.push(assumed);
    else if (isPendingFor(pod, ctx.schedulerName)) into.pending.push(pod);
  }
  return { members, pods };
}

function readinessOf(gang: PodGang, members: ReadonlyMap<string, GroupMembers>, gated: ReadonlyMap<string, number>): GangReadiness {
  for (const group of gang.spec.podgroups) {
    const m = members.get(group.name);
    const have = (m?.pending.length ?? 0) + (m?.boundNodes.length ?? 0);
    if (have < group.minReplicas) {
      const waiting = gated.get(group.name) ?? 0;
      return { ready: false, reason: `podgroup ${group.name} has ${have} of ${group.minReplicas} minimum pods ready to schedule (${waiting} gated)` };
    }
  }
  return { ready: true };
}

function countGated(gang: PodGang, candidates: readonly V1Pod[]): Map<string, number> {
  const gated = new Map<string, number>();
  for (const pod of candidates) {
    if (!isGated(pod) || isTerminating(pod)) continue;
    const group = groupOfPod(gang, pod);
    if (group) gated.set(group.name, (gated.get(group.name) ?? 0) + 1);
  }
  return gated;
}

function topologyGroupsOf(gang: PodGang): TopologyGroupRequest[] {
  return (gang.spec.topologyConstraintGroupConfigs ?? []).flatMap((config) => {
    const pack = packOf(config.topologyConstraint);
    return pack ? [{ name: config.name, podGroupNames: [...config.podGroupNames], pack }] : [];
  });
}

/** `candidates`: the pods labelled with the gang and those its references name (duplicates allowed). */
export function buildGangRequest(gang: PodGang, candidates: readonly V1Pod[], ctx: GangBuildContext): GangBuild {
  const { members, pods } = collectMembers(gang, candidates, ctx);
  const groups: PodGroupRequest[] = gang.spec.podgroups.map((group) => {
    const m = members.get(group.name) ?? { pending: [], boundNodes: [] };
    const pack = packOf(group.topologyConstraint);
    return { name: group.name, minReplicas: group.minReplicas, pending: sortByName(m.pending), boundNodes: m.boundNodes, ...(pack && { pack }) };
  });
  const pack = packOf(gang.spec.topologyConstraint);
  const request: GangRequest = {
    key: `${gang.metadata.namespace ?? ''}/${gang.metadata.name ?? ''}`,
    groups,
    ...(pack && { pack }),
    topologyGroups: topologyGroupsOf(gang),
  };
  return {
    request,
    readiness: readinessOf(gang, members, countGated(gang, candidates)),
    pendingCount: groups.reduce((n, g) => n + g.pending.length, 0),
    minimum: gang.spec.podgroups.reduce((n, g) => n + g.minReplicas, 0),
    pods,
  };
}
