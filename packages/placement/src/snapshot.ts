/**
 * The scheduler's in-memory view of the cluster, updated incrementally from watches (never rebuilt
 * per cycle): nodes, what bound and assumed pods use on each, and per topology label key the domains
 * (label value → nodes) with their aggregate free capacity.
 *
 * Domain indexes are built on first use of a label key and then maintained by every node and pod
 * change, so a placement reads a domain's free capacity in O(resources).
 */
import type { NodeInfo, Resources } from './model.js';
import { addInto, podSlotUsage } from './resources.js';

/** A node as placement sees it. The object stays the same across upserts of the node. */
export interface NodeState {
  info: NodeInfo;
  /** allocatable − used, per resource (negative when over-committed); includes `pods`. */
  readonly free: Record<string, number>;
  /** Ready and not cordoned: the only nodes that count toward domain capacity or take pods. */
  schedulable: boolean;
}

/** One domain of a topology label key. */
export interface DomainState {
  readonly key: string;
  readonly value: string;
  readonly nodes: NodeState[];
  /** Sum over the domain's schedulable nodes of max(0, free): an upper bound of what fits. */
  readonly free: Record<string, number>;
}

interface PodEntry {
  readonly node: string;
  readonly usage: Resources;
}

export class ClusterSnapshot {
  private readonly nodes = new Map<string, NodeState>();
  /** Usage per node name, kept for nodes not (yet) known too. */
  private readonly used = new Map<string, Record<string, number>>();
  private readonly pods = new Map<string, PodEntry>();
  private readonly indexes = new Map<string, Map<string, DomainState>>();
  private list: NodeState[] | undefined;

  get nodeCount(): number {
    return this.nodes.size;
  }

  upsertNode(node: NodeInfo): void {
    const existing = this.nodes.get(node.name);
    if (existing) this.unindex(existing, node);
    else this.list = undefined;
    const state: NodeState = existing ?? { info: node, free: {}, schedulable: false };
    const previous = existing?.info;
    state.info = node;
    state.schedulable = node.ready && !node.unschedulable;
    this.nodes.set(node.name, state);
    this.recomputeFree(state);
    this.index(state, previous);
  }

  removeNode(name: string): void {
    const state = this.nodes.get(name);
    if (!state) return;
    this.unindex(state);
    this.nodes.delete(name);
    this.list = undefined;
  }

  /**
   * Records a bound or assumed pod (`requests` without the pod slot, which is added here). Idempotent
   * per key: adding a key again replaces its previous usage, on whichever node it was.
   */
  addPod(podKey: string, nodeName: string, requests: Resources): void {
    this.removePod(podKey);
    const usage = podSlotUsage(requests);
    this.pods.set(podKey, { node: nodeName, usage });
    this.changeUsage(nodeName, usage, 1);
  }

  removePod(podKey: string): void {
    const entry = this.pods.get(podKey);
    if (!entry) return;
    this.pods.delete(podKey);
    this.changeUsage(entry.node, entry.usage, -1);
  }

  hasPod(podKey: string): boolean {
    return this.pods.has(podKey);
  }

  nodeOfPod(podKey: string): string | undefined {
    return this.pods.get(podKey)?.node;
  }

  node(name: string): NodeInfo | undefined {
    return this.nodes.get(name)?.info;
  }

  /** allocatable − used (pods slots included); for an unknown node, the negated usage recorded on it. */
  free(nodeName: string): Resources {
    const state = this.nodes.get(nodeName);
    if (state) return { ...state.free };
    const out: Record<string, number> = {};
    addInto(out, this.used.get(nodeName) ?? {}, -1);
    return out;
  }

  /** The domains of a topology label key: label value → names of the nodes carrying it. */
  domains(key: string): ReadonlyMap<string, readonly string[]> {
    const out = new Map<string, readonly string[]>();
    for (const [value, domain] of this.domainIndex(key)) out.set(value, domain.nodes.map((n) => n.info.name));
    return out;
  }

  /** Aggregate free capacity of a domain over its schedulable nodes (negative free counts as 0). */
  domainFree(key: string, value: string): Resources {
    const free = this.domainIndex(key).get(value)?.free ?? {};
    return Object.fromEntries(Object.entries(free).filter(([, amount]) => amount !== 0));
  }

  /** For placement: every node, in a stable order (insertion order). */
  nodeStates(): readonly NodeState[] {
    this.list ??= [...this.nodes.values()];
    return this.list;
  }

  /** For placement: a node's state. */
  nodeState(name: string): NodeState | undefined {
    return this.nodes.get(name);
  }

  /** For placement: the live domain index of a label key (built on first use, then kept current). */
  domainIndex(key: string): ReadonlyMap<string, DomainState> {
    let index = this.indexes.get(key);
    if (!index) {
      index = new Map();
      this.indexes.set(key, index);
      for (const state of this.nodes.values()) addToDomain(index, key, state);
    }
    return index;
  }

  private changeUsage(nodeName: string, usage: Resources, sign: 1 | -1): void {
    const used = this.used.get(nodeName) ?? {};
    addInto(used, usage, sign);
    if (Object.values(used).every((amount) => amount === 0)) this.used.delete(nodeName);
    else this.used.set(nodeName, used);
    const state = this.nodes.get(nodeName);
    if (!state) return;
    this.contribute(state, -1);
    this.recomputeFree(state);
    this.contribute(state, 1);
  }

  private recomputeFree(state: NodeState): void {
    const free = state.free;
    for (const name of Object.keys(free)) delete free[name];
    addInto(free, state.info.allocatable, 1);
    addInto(free, this.used.get(state.info.name) ?? {}, -1);
  }

  /** Adds the node's contribution to its domains; joins the domains only where its label changed. */
  private index(state: NodeState, previous?: NodeInfo): void {
    for (const [key, index] of this.indexes) {
      const value = state.info.labels[key];
      const domain = value === undefined ? undefined : index.get(value);
      if (domain && previous?.labels[key] === value) addContribution(domain.free, state, 1);
      else addToDomain(index, key, state);
    }
  }

  /** Removes the node's contribution; leaves the domains whose label changes (`next`) or all (removal). */
  private unindex(state: NodeState, next?: NodeInfo): void {
    for (const [key, index] of this.indexes) {
      const value = state.info.labels[key];
      const domain = value === undefined ? undefined : index.get(value);
      if (!domain) continue;
      addContribution(domain.free, state, -1);
      if (next?.labels[key] === value) continue;
      const at = domain.nodes.indexOf(state);
      if (at >= 0) domain.nodes.splice(at, 1);
      if (domain.nodes.length === 0) index.delete(domain.value);
    }
  }

  private contribute(state: NodeState, sign: 1 | -1): void {
    for (const [key, index] of this.indexes) {
      const value = state.info.labels[key];
      const domain = value === undefined ? undefined : index.get(value);
      if (domain) addContribution(domain.free, state, sign);
    }
  }
}

function addToDomain(index: Map<string, DomainState>, key: string, state: NodeState): void {
  const value = state.info.labels[key];
  if (value === undefined) return;
  let domain = index.get(value);
  if (!domain) {
    domain = { key, value, nodes: [], free: {} };
    index.set(value, domain);
  }
  domain.nodes.push(state);
  addContribution(domain.free, state, 1);
}

function addContribution(target: Record<string, number>, state: NodeState, sign: 1 | -1): void {
  if (!state.schedulable) return;
  for (const [name, amount] of Object.entries(state.free)) {
    if (amount > 0) target[name] = (target[name] ?? 0) + sign * amount;
  }
}
