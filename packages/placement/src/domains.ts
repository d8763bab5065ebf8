/**
 * Topology domains inside a candidate node set, with their free capacity after the reservations.
 * For the whole cluster the snapshot's live index is used (O(domains) plus the few reserved nodes);
 * inside a chosen domain, the candidate nodes are grouped on the fly (O(nodes of that domain)).
 */
import type { NodeSet } from './nodes.js';
import { NodeSet as Nodes } from './nodes.js';
import type { Reservations } from './reservations.js';
import type { ClusterSnapshot, NodeState } from './snapshot.js';

export interface DomainView {
  readonly value: string;
  readonly nodes: NodeSet;
  /** Sum over schedulable nodes of max(0, free − reserved): an upper bound of what fits. */
  readonly free: (name: string) => number;
}

export function domainsWithin(snapshot: ClusterSnapshot, set: NodeSet, key: string, res: Reservations): DomainView[] {
  if (set.full) return fromIndex(snapshot, key, res);
  const grouped = new Map<string, NodeState[]>();
  for (const node of set.nodes) {
    const value = node.info.labels[key];
    if (value === undefined) continue;
    const members = grouped.get(value);
    if (members) members.push(node);
    else grouped.set(value, [node]);
  }
  return [...grouped].map(([value, nodes]) => ({ value, nodes: new Nodes(nodes), free: summedFree(nodes, res) }));
}

/** The domain `value` of `key` inside the set (empty when no candidate node carries it). */
export function domainWithin(snapshot: ClusterSnapshot, set: NodeSet, key: string, value: string, res: Reservations): DomainView {
  if (set.full) {
    const nodes = snapshot.domainIndex(key).get(value)?.nodes ?? [];
    return { value, nodes: new Nodes(nodes), free: summedFree(nodes, res) };
  }
  const nodes = set.nodes.filter((node) => node.info.labels[key] === value);
  return { value, nodes: new Nodes(nodes), free: summedFree(nodes, res) };
}

function fromIndex(snapshot: ClusterSnapshot, key: string, res: Reservations): DomainView[] {
  const reservedIn = new Map<string, NodeState[]>();
  for (const node of res.nodes()) {
    const value = node.info.labels[key];
    if (value === undefined || !node.schedulable) continue;
    reservedIn.set(value, [...(reservedIn.get(value) ?? []), node]);
  }
  const out: DomainView[] = [];
  for (const domain of snapshot.domainIndex(key).values()) {
    const reserved = reservedIn.get(domain.value) ?? [];
    // Reservations never exceed a node's free amount, so subtracting them keeps the clamped sum exact.
    const free = (name: string): number => reserved.reduce((sum, node) => sum - res.reservedOn(node, name), domain.free[name] ?? 0);
    out.push({ value: domain.value, nodes: new Nodes(domain.nodes), free });
  }
  return out;
}

function summedFree(nodes: readonly NodeState[], res: Reservations): (name: string) => number {
  const cache = new Map<string, number>();
  return (name) => {
    let sum = cache.get(name);
    if (sum === undefined) {
      sum = 0;
      for (const node of nodes) if (node.schedulable) sum += Math.max(0, res.free(node, name));
      cache.set(name, sum);
    }
    return sum;
  };
}
