/**
 * What a scheduler made of the gang mix, from where the pods ended up. Pure: gang specs, the
 * pod → node map and the nodes' topology in; counts out.
 *
 * - A gang is *placed* when all its pods are bound, *partial* when 0 < bound < pods (every gang's
 *   minimum is all its pods), *waiting* when it is not placed (partial or none bound).
 * - *Required met*: a placed gang with a required key whose pods' nodes all share one value of it.
 * - *One block*: a placed gang of several pods whose nodes all share one block.
 */
import { podNames, type GangSpec } from './scheduler-workload.js';

export interface NodeTopology {
  readonly name: string;
  readonly block: string;
  readonly rack: string;
  readonly gpus: number;
}

/** Value of a topology key on a node (only block and rack are used by the mix). */
function domainOf(node: NodeTopology, key: string): string {
  return key.endsWith('/block') ? node.block : key.endsWith('/rack') ? node.rack : node.name;
}

export interface GangQuality {
  readonly gangs: number;
  readonly placed: number;
  readonly partial: number;
  readonly withRequired: number;
  readonly requiredMet: number;
  readonly multiPodPlaced: number;
  readonly oneBlock: number;
  readonly pods: number;
  readonly podsUnbound: number;
}

export function gangQuality(gangs: readonly GangSpec[], placement: ReadonlyMap<string, string>, nodes: ReadonlyMap<string, NodeTopology>): GangQuality {
  const q = { gangs: gangs.length, placed: 0, partial: 0, withRequired: 0, requiredMet: 0, multiPodPlaced: 0, oneBlock: 0, pods: 0, podsUnbound: 0 };
  for (const gang of gangs) {
    const where = podNames(gang).map((p) => placement.get(p)).filter((n): n is string => n !== undefined).map((n) => nodes.get(n));
    const bound = where.filter((n): n is NodeTopology => n !== undefined);
    q.pods += gang.pods;
    q.podsUnbound += gang.pods - bound.length;
    if (bound.length > 0 && bound.length < gang.pods) q.partial++;
    if (bound.length < gang.pods) continue;
    q.placed++;
    if (gang.required !== undefined) {
      q.withRequired++;
      if (new Set(bound.map((n) => domainOf(n, gang.required as string))).size === 1) q.requiredMet++;
    }
    if (gang.pods > 1) {
      q.multiPodPlaced++;
      if (new Set(bound.map((n) => n.block)).size === 1) q.oneBlock++;
    }
  }
  return q;
}

/** When each gang got its last pod bound (ms since the start); gangs not placed are left out. */
export function gangPlacedTimes(gangs: readonly GangSpec[], bindTimes: ReadonlyMap<string, number>): number[] {
  const out: number[] = [];
  for (const gang of gangs) {
    const times = podNames(gang).map((p) => bindTimes.get(p));
    if (times.every((t): t is number => t !== undefined)) out.push(times.reduce((a, b) => Math.max(a, b), 0));
  }
  return out;
}

export interface Fragmentation {
  readonly totalGpus: number;
  readonly usedGpus: number;
  readonly waitingGangs: number;
  /** Free GPUs on nodes no waiting gang can use (see {@link fragmentation}). */
  readonly strandedGpus: number;
  /** Free GPUs in racks where a 4-pod × 8-GPU rack gang no longer fits. */
  readonly rackFragmentedGpus: number;
  readonly fullyFreeRacks: number;
  readonly racks: number;
}

function usedByNode(gangs: readonly GangSpec[], placement: ReadonlyMap<string, string>): Map<string, number> {
  const used = new Map<string, number>();
  for (const gang of gangs) {
    for (const pod of podNames(gang)) {
      const node = placement.get(pod);
      if (node !== undefined) used.set(node, (used.get(node) ?? 0) + gang.gpusPerPod);
    }
  }
  return used;
}

function groupBy(nodes: readonly NodeTopology[], key: (n: NodeTopology) => string): Map<string, NodeTopology[]> {
  const out = new Map<string, NodeTopology[]>();
  for (const n of nodes) {
    const members = out.get(key(n));
    if (members) members.push(n);
    else out.set(key(n), [n]);
  }
  return out;
}

/**
 * Stranded GPUs, precisely: free GPUs on node N count as stranded unless some waiting gang G could
 * use N, meaning N has at least G's GPUs per pod free and N's domain of G's required key (the whole
 * cluster without one) has room for G's still unbound pods (Σ over its nodes of
 * ⌊free / GPUs per pod⌋ ≥ unbound pods). Where its bound pods already are is not considered. With
 * no waiting gang nothing is stranded. Only GPUs are counted (CPU and memory never bind here).
 */
export function fragmentation(gangs: readonly GangSpec[], placement: ReadonlyMap<string, string>, nodes: readonly NodeTopology[]): Fragmentation {
  const used = usedByNode(gangs, placement);
  const free = (n: NodeTopology) => Math.max(0, n.gpus - (used.get(n.name) ?? 0));
  const waiting = gangs
    .map((g) => ({ gang: g, unbound: podNames(g).filter((p) => !placement.has(p)).length }))
    .filter((w) => w.unbound > 0);
  const usable = new Set<string>();
  const byKey = new Map<string, Map<string, NodeTopology[]>>([['', new Map([['', [...nodes]]])]]);
  for (const { gang, unbound } of waiting) {
    const key = gang.required ?? '';
    const domains = byKey.get(key) ?? byKey.set(key, groupBy(nodes, (n) => domainOf(n, key))).get(key) ?? new Map<string, NodeTopology[]>();
    for (const members of domains.values()) {
      const room = members.reduce((s, n) => s + Math.floor(free(n) / gang.gpusPerPod), 0);
      if (room < unbound) continue;
      for (const n of members) if (free(n) >= gang.gpusPerPod) usable.add(n.name);
    }
  }
  const racks = groupBy(nodes, (n) => n.rack);
  const sumFree = (ns: readonly NodeTopology[]) => ns.reduce((s, n) => s + free(n), 0);
  let rackFragmentedGpus = 0;
  let fullyFreeRacks = 0;
  for (const members of racks.values()) {
    if (members.filter((n) => free(n) >= 8).length < 4) rackFragmentedGpus += sumFree(members);
    if (members.every((n) => free(n) === n.gpus)) fullyFreeRacks++;
  }
  const totalGpus = nodes.reduce((s, n) => s + n.gpus, 0);
  return {
    totalGpus,
    usedGpus: totalGpus - sumFree(nodes),
    waitingGangs: waiting.length,
    strandedGpus: sumFree(nodes.filter((n) => !usable.has(n.name))) * (waiting.length > 0 ? 1 : 0),
    rackFragmentedGpus,
    fullyFreeRacks,
    racks: racks.size,
  };
}
