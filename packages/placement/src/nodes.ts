/**
 * Candidate node sets and the choice of a node for one pod: among the feasible nodes, the one the pod
 * fills most (MostAllocated, by the pod's scarcest resource), so pods pack tightly and big holes stay
 * whole. Large sets are sampled like kube-scheduler's percentageOfNodesToScore.
 */
import { staticReason } from './feasibility.js';
import type { PodRequest } from './model.js';
import type { CompiledPod, Reservations } from './reservations.js';
import { bottleneck, usageEntries } from './resources.js';
import type { NodeState } from './snapshot.js';

/** A set of candidate nodes in a stable order, with membership built on demand. */
export class NodeSet {
  private members: Set<NodeState> | undefined;

  /** `full`: the whole cluster (lets domain lookups use the snapshot's live indexes). */
  constructor(
    readonly nodes: readonly NodeState[],
    readonly full = false,
  ) {}

  has(node: NodeState): boolean {
    this.members ??= new Set(this.nodes);
    return this.members.has(node);
  }
}

/** Below this many candidates every node is scored (kube-scheduler's minFeasibleNodesToFind). */
const MIN_NODES_TO_SCORE = 100;

/**
 * How many feasible nodes to find before choosing, for a set of `count` nodes: kube-scheduler's
 * adaptive rule (50 % minus 1 % per 125 nodes, at least 5 % and at least 100 nodes) unless
 * `percentage` (1–100) is given.
 */
export function nodesToScore(count: number, percentage?: number): number {
  if (count <= MIN_NODES_TO_SCORE) return count;
  const share = percentage ?? Math.max(5, 50 - count / 125);
  if (share >= 100) return count;
  return Math.max(MIN_NODES_TO_SCORE, Math.floor((count * share) / 100));
}

export interface NodeChoice {
  readonly set: NodeSet;
  readonly res: Reservations;
  readonly percentage?: number | undefined;
  /** Lower is better, compared before packing: keeps pods in the preferred domains already used. */
  readonly tier?: ((node: NodeState) => number) | undefined;
}

export function fits(pod: CompiledPod, node: NodeState, res: Reservations): boolean {
  return node.schedulable && res.shortOf(pod, node) === undefined && staticReason(pod.request, node.info) === undefined;
}

/**
 * The best node for the pod, or undefined when none fits. Sampled scans start at a per-pod offset and
 * always also look at the nodes this placement already uses, so a gang still packs onto them.
 */
export function chooseNode(pod: CompiledPod, choice: NodeChoice): NodeState | undefined {
  const { set, res, tier } = choice;
  const nodes = set.nodes;
  const wanted = nodesToScore(nodes.length, choice.percentage);
  let best: NodeState | undefined;
  let bestTier = Infinity;
  let bestRatio = Infinity;
  const consider = (node: NodeState): boolean => {
    if (!fits(pod, node, res)) return false;
    const nodeTier = tier ? tier(node) : 0;
    const ratio = bottleneck((name) => res.free(node, name), pod.usage);
    if (nodeTier < bestTier || (nodeTier === bestTier && ratio < bestRatio)) {
      [best, bestTier, bestRatio] = [node, nodeTier, ratio];
    }
    return true;
  };
  if (wanted < nodes.length) for (const node of res.nodes()) if (set.has(node)) consider(node);
  const start = wanted < nodes.length ? pod.hash % nodes.length : 0;
  let found = 0;
  for (let i = 0; i < nodes.length && found < wanted; i++) {
    const node = nodes[(start + i) % nodes.length];
    if (node && consider(node)) found++;
  }
  return best;
}

export function compilePod(request: PodRequest): CompiledPod {
  return { request, usage: usageEntries(request.requests), hash: fnv1a(request.key) };
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}
