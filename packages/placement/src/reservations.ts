/**
 * The overlay a placement works on: pods tentatively put on nodes, on top of the snapshot (which is
 * never mutated). Placement is a search with backtracking, so the overlay is an undo log: `size` is a
 * mark and `rollback(mark)` undoes everything placed after it.
 */
import type { PodRequest } from './model.js';
import type { UsageEntries } from './resources.js';
import type { NodeState } from './snapshot.js';

/** A pod prepared for the hot loops: its usage (pod slot included) as a flat list. */
export interface CompiledPod {
  readonly request: PodRequest;
  readonly usage: UsageEntries;
  /** Deterministic per pod key: where a sampled node scan starts. */
  readonly hash: number;
}

export interface Placed {
  readonly pod: CompiledPod;
  readonly node: NodeState;
  /** The id of the podgroup level the pod belongs to (see tree.ts); -1 outside a gang. */
  readonly leaf: number;
}

export class Reservations {
  private readonly reserved = new Map<NodeState, Record<string, number>>();
  private readonly log: Placed[] = [];

  get size(): number {
    return this.log.length;
  }

  /** Everything placed, in order. */
  get placed(): readonly Placed[] {
    return this.log;
  }

  /** Free amount of a resource on a node after the reservations. */
  free(node: NodeState, name: string): number {
    return (node.free[name] ?? 0) - (this.reserved.get(node)?.[name] ?? 0);
  }

  /** Reserved amount of a resource on a node. */
  reservedOn(node: NodeState, name: string): number {
    return this.reserved.get(node)?.[name] ?? 0;
  }

  /** The first resource the node lacks for the pod, if any. */
  shortOf(pod: CompiledPod, node: NodeState): string | undefined {
    const reserved = this.reserved.get(node);
    for (const [name, amount] of pod.usage) {
      if ((node.free[name] ?? 0) - (reserved?.[name] ?? 0) < amount) return name;
    }
    return undefined;
  }

  place(pod: CompiledPod, node: NodeState, leaf: number): void {
    let reserved = this.reserved.get(node);
    if (!reserved) {
      reserved = {};
      this.reserved.set(node, reserved);
    }
    for (const [name, amount] of pod.usage) reserved[name] = (reserved[name] ?? 0) + amount;
    this.log.push({ pod, node, leaf });
  }

  rollback(mark: number): void {
    while (this.log.length > mark) {
      const last = this.log.pop();
      if (!last) return;
      const reserved = this.reserved.get(last.node);
      if (!reserved) continue;
      for (const [name, amount] of last.pod.usage) reserved[name] = (reserved[name] ?? 0) - amount;
      if ((reserved.pods ?? 0) <= 0) this.reserved.delete(last.node); // every pod takes a slot
    }
  }

  /** Nodes holding reservations. */
  nodes(): IterableIterator<NodeState> {
    return this.reserved.keys();
  }
}
