/**
 * The scheduler's view of the cluster, kept up to date from watch events (never rebuilt per
 * cycle): nodes and every booking in the placement snapshot, whoever scheduled the pod.
 *
 * - A bound, non-terminal pod books its requests on its node; Succeeded/Failed and deleted pods
 *   release them. Events of different kinds arrive in any order: the snapshot keeps the usage of
 *   a node it does not know yet, and applies it when the node arrives.
 * - A pod we placed is *assumed* on its node at once, so the next cycle never books the same GPUs;
 *   the assumption is confirmed when the cache shows the pod bound, or forgotten if binding fails.
 *   It is tied to the pod's UID: a pod re-created under the same name is another pod.
 */
import type { V1Node, V1Pod } from '@kubernetes/client-node';
import type { ClusterSnapshot, Resources } from '@grove/placement';
import { holdsCapacity, isTerminal, podKey } from './pod-facts.js';
import { requestsOf } from './pod-request.js';
import { nodeChangeCanHelp, nodeInfoChanged, toNodeInfo } from './node-info.js';

export class ClusterState {
  /** Node of every booked pod (bound or assumed). */
  private readonly bookings = new Map<string, string>();
  /** Assumed pods by key, with the UID placed. */
  private readonly assumed = new Map<string, string>();

  constructor(readonly snapshot: ClusterSnapshot) {}

  /** Applies a node add/update; true when the change can make an unschedulable unit fit. */
  upsertNode(node: V1Node): boolean {
    const info = toNodeInfo(node);
    const old = this.snapshot.node(info.name);
    if (!nodeInfoChanged(old, info)) return false;
    this.snapshot.upsertNode(info);
    return nodeChangeCanHelp(old, info);
  }

  removeNode(name: string): void {
    this.snapshot.removeNode(name);
  }

  /** Applies a pod add/update; true when it released capacity. */
  applyPod(pod: V1Pod): boolean {
    const key = podKey(pod);
    if (holdsCapacity(pod)) {
      this.assumed.delete(key);
      const node = pod.spec?.nodeName ?? '';
      // Requests of a bound pod do not change (in-place resize aside): parse them once.
      if (this.bookings.get(key) !== node) this.book(key, node, requestsOf(pod));
      return false;
    }
    // Unbound in the cache while assumed: the binding is in flight, keep the booking.
    if (this.assumed.get(key) === pod.metadata?.uid && !isTerminal(pod)) return false;
    return this.release(key);
  }

  /** Applies a pod deletion; true when it released capacity. */
  deletePod(pod: V1Pod): boolean {
    return this.release(podKey(pod));
  }

  /** Books a pod we placed on `node` before its binding is seen. */
  assume(key: string, uid: string, node: string, requests: Resources): void {
    this.book(key, node, requests);
    this.assumed.set(key, uid);
  }

  /** Drops an assumption whose binding failed (a bound pod keeps its booking). */
  forget(key: string): void {
    if (this.assumed.has(key)) this.release(key);
  }

  /** The node a pod is assumed on (placed, binding not yet in the cache). */
  assumedNode(key: string): string | undefined {
    return this.assumed.has(key) ? this.bookings.get(key) : undefined;
  }

  get bookedPods(): number {
    return this.bookings.size;
  }

  get assumedPods(): number {
    return this.assumed.size;
  }

  private book(key: string, node: string, requests: Resources): void {
    this.assumed.delete(key);
    this.bookings.set(key, node);
    // Idempotent per key: replaces the pod's previous usage, on whichever node it was.
    this.snapshot.addPod(key, node, requests);
  }

  private release(key: string): boolean {
    this.assumed.delete(key);
    if (!this.bookings.delete(key)) return false;
    this.snapshot.removePod(key);
    return true;
  }
}
