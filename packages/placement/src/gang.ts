/**
 * Gang placement (see docs/placement.md): all minimum pods of all podgroups together or none, then
 * the extras best-effort under the same constraints. Pure: works on a reservation overlay and never
 * mutates the snapshot.
 */
import { failureMessage } from './messages.js';
import type { GangRequest, PlacementResult, PodGroupRequest } from './model.js';
import { compilePod, NodeSet } from './nodes.js';
import { maxDomainsToScore, type PlacementOptions } from './options.js';
import { Reservations, type CompiledPod } from './reservations.js';
import { preferredScore } from './score.js';
import { Search, type SearchDeps } from './search.js';
import type { ClusterSnapshot } from './snapshot.js';
import { buildTree, occupiedByLevel, type GangTree, type Level } from './tree.js';

export function placeGang(snapshot: ClusterSnapshot, gang: GangRequest, options?: PlacementOptions): PlacementResult {
  const waiting = waitingMessage(gang.groups);
  if (waiting !== undefined) return { placed: false, reason: 'Unschedulable', message: waiting };
  const tree = buildTree(gang);
  if ('error' in tree) return { placed: false, reason: 'Unsupported', message: `gang ${gang.key}: ${tree.error}` };
  const minimum = new Map<number, CompiledPod[]>();
  const extras = new Map<number, CompiledPod[]>();
  for (const leaf of tree.leaves) {
    const group = leaf.group as PodGroupRequest;
    const need = Math.max(0, group.minReplicas - group.boundNodes.length);
    const unsupported = group.pending.slice(0, need).find((pod) => pod.unsupported !== undefined);
    if (unsupported) return { placed: false, reason: 'Unsupported', message: `pod ${unsupported.key} of podgroup ${group.name}: ${unsupported.unsupported ?? ''}` };
    minimum.set(leaf.id, group.pending.slice(0, need).map(compilePod));
    extras.set(leaf.id, group.pending.slice(need).filter((pod) => pod.unsupported === undefined).map(compilePod));
  }
  const res = new Reservations();
  const all = new NodeSet(snapshot.nodeStates(), true);
  const base = { snapshot, res, maxDomainsToScore: maxDomainsToScore(options), percentageOfNodesToScore: options?.percentageOfNodesToScore };
  const outcome = new Search({ ...base, pods: minimum, occupied: occupiedByLevel(tree, snapshot, []) }).placeLevel(tree.root, all);
  if (!outcome.ok) {
    res.rollback(0);
    return { placed: false, reason: 'Unschedulable', message: failureMessage(outcome.failure) };
  }
  const minimumCount = res.size;
  for (const leaf of tree.leaves) placeExtras(tree, leaf, extras.get(leaf.id) ?? [], all, base);
  return {
    placed: true,
    assignments: res.placed.map((entry) => ({ podKey: entry.pod.request.key, node: entry.node.info.name })),
    minimumCount,
    score: preferredScore(tree.root, occupiedByLevel(tree, snapshot, []), res.placed),
  };
}

/**
 * Places as many of a podgroup's extras (a prefix, in order) as fit under the gang's constraints,
 * with the domains already taken by the gang's pods held fixed. Binary search on the count: each
 * try is a full constrained placement of that many pods.
 */
function placeExtras(tree: GangTree, leaf: Level, pods: readonly CompiledPod[], all: NodeSet, base: Omit<SearchDeps, 'pods' | 'occupied'>): void {
  if (pods.length === 0) return;
  const { res, snapshot } = base;
  const attempt = (count: number): boolean => {
    const mark = res.size;
    const deps = { ...base, pods: new Map([[leaf.id, pods.slice(0, count)]]), occupied: occupiedByLevel(tree, snapshot, res.placed) };
    if (new Search(deps).placeLevel(tree.root, all).ok) return true;
    res.rollback(mark);
    return false;
  };
  if (attempt(pods.length)) return;
  let [fits, fails] = [0, pods.length];
  while (fails - fits > 1) {
    const middle = Math.floor((fits + fails) / 2);
    const mark = res.size;
    if (attempt(middle)) {
      res.rollback(mark);
      fits = middle;
    } else fails = middle;
  }
  if (fits > 0) attempt(fits);
}

/** A gang is placeable only when every podgroup has (bound + pending) ≥ minReplicas pods. */
function waitingMessage(groups: readonly PodGroupRequest[]): string | undefined {
  const short = groups.filter((group) => group.boundNodes.length + group.pending.length < group.minReplicas);
  const [first] = short;
  if (!first) return undefined;
  const missing = first.minReplicas - first.boundNodes.length - first.pending.length;
  const more = short.length > 1 ? ` (and ${short.length - 1} more podgroup${short.length > 2 ? 's' : ''})` : '';
  return `podgroup ${first.name} waits for ${missing} more pod${missing === 1 ? '' : 's'} to place its minimum of ${first.minReplicas} (${first.boundNodes.length} bound, ${first.pending.length} pending)${more}`;
}
