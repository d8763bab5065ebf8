/**
 * A gang as a tree of constraint levels: the gang at the root, its topology groups below it, and the
 * podgroups as leaves (under their topology group, or under the root when in none). Placement walks
 * the tree top-down, so a gang-level domain contains the domains chosen for the levels below it.
 */
import type { GangRequest, PackConstraint, PodGroupRequest } from './model.js';
import type { Placed } from './reservations.js';
import type { ClusterSnapshot, NodeState } from './snapshot.js';
import { shortKey } from './resources.js';

export type LevelKind = 'gang' | 'topology group' | 'podgroup' | 'pod';

export interface Level {
  readonly id: number;
  readonly kind: LevelKind;
  readonly name: string;
  readonly pack: PackConstraint | undefined;
  readonly children: readonly Level[];
  /** Set on podgroup leaves. */
  readonly group?: PodGroupRequest;
  /** Ids of the leaves below (itself for a leaf). */
  readonly leafIds: ReadonlySet<number>;
}

export interface GangTree {
  readonly root: Level;
  readonly leaves: readonly Level[];
  /** Every level, root first. */
  readonly levels: readonly Level[];
}

/** Builds the tree; a podgroup named by two topology groups is refused (Grove never emits that). */
export function buildTree(gang: GangRequest): GangTree | { readonly error: string } {
  const leaves = gang.groups.map((group, id): Level => ({ id, kind: 'podgroup', name: group.name, pack: group.pack, children: [], group, leafIds: new Set([id]) }));
  const byName = new Map(leaves.map((leaf) => [leaf.name, leaf]));
  const owner = new Map<string, string>();
  const topologyLevels: Level[] = [];
  for (const topologyGroup of gang.topologyGroups) {
    const members: Level[] = [];
    for (const name of topologyGroup.podGroupNames) {
      const leaf = byName.get(name);
      if (!leaf) continue;
      const previous = owner.get(name);
      if (previous !== undefined && previous !== topologyGroup.name) {
        return { error: `podgroup ${name} is in two topology groups (${previous}, ${topologyGroup.name}), which placement does not support` };
      }
      if (previous !== undefined) continue;
      owner.set(name, topologyGroup.name);
      members.push(leaf);
    }
    if (members.length === 0) continue;
    const id = leaves.length + topologyLevels.length;
    topologyLevels.push({ id, kind: 'topology group', name: topologyGroup.name, pack: topologyGroup.pack, children: members, leafIds: new Set(members.map((m) => m.id)) });
  }
  const direct = leaves.filter((leaf) => !owner.has(leaf.name));
  const root: Level = {
    id: leaves.length + topologyLevels.length,
    kind: 'gang',
    name: gang.key,
    pack: gang.pack,
    children: [...topologyLevels, ...direct],
    leafIds: new Set(leaves.map((leaf) => leaf.id)),
  };
  return { root, leaves, levels: [root, ...topologyLevels, ...leaves] };
}

/** Nodes where a level's pods already are: bound ones, and ones assigned in an earlier phase. */
export interface Occupied {
  readonly nodes: readonly NodeState[];
  /** Bound node names the snapshot does not know. */
  readonly unknown: readonly string[];
}

export function occupiedByLevel(tree: GangTree, snapshot: ClusterSnapshot, placed: readonly Placed[]): Map<number, Occupied> {
  const perLeaf = new Map<number, { nodes: NodeState[]; unknown: string[] }>();
  for (const leaf of tree.leaves) {
    const entry = { nodes: [] as NodeState[], unknown: [] as string[] };
    for (const name of leaf.group?.boundNodes ?? []) {
      const state = snapshot.nodeState(name);
      if (state) entry.nodes.push(state);
      else entry.unknown.push(name);
    }
    perLeaf.set(leaf.id, entry);
  }
  for (const entry of placed) perLeaf.get(entry.leaf)?.nodes.push(entry.node);
  const out = new Map<number, Occupied>();
  for (const level of tree.levels) {
    const parts = [...level.leafIds].map((id) => perLeaf.get(id)).filter((part) => part !== undefined);
    out.set(level.id, { nodes: parts.flatMap((part) => part.nodes), unknown: parts.flatMap((part) => part.unknown) });
  }
  return out;
}

/** The domain a level is held to by where its pods already are, or why the constraint cannot hold. */
export type Pin = { readonly value?: string } | { readonly conflict: string };

export function pinOf(level: Level, key: string, occupied: Occupied | undefined): Pin {
  if (!occupied) return {};
  const what = `${level.kind} ${level.name} requires one ${key}`;
  const [unknown] = occupied.unknown;
  if (unknown !== undefined) return { conflict: `${what} but has a pod bound to node ${unknown}, which the scheduler does not know (yet)` };
  const values = new Set<string>();
  for (const node of occupied.nodes) {
    const value = node.info.labels[key];
    if (value === undefined) return { conflict: `${what} but already has a pod on node ${node.info.name}, which has no ${key} label` };
    values.add(value);
  }
  if (values.size > 1) {
    const listed = [...values].sort().slice(0, 3).join(', ');
    return { conflict: `${what} but its pods already run in ${values.size} ${shortKey(key)} domains (${listed}), so it cannot hold` };
  }
  const [value] = values;
  return value === undefined ? {} : { value };
}
