/** One pod without gang semantics: the scheduler's path for pods that belong to no PodGang. */
import { diagnose } from './diagnose.js';
import { failureMessage } from './messages.js';
import type { PlacementResult, PodRequest } from './model.js';
import { chooseNode, compilePod, NodeSet } from './nodes.js';
import type { PlacementOptions } from './options.js';
import { Reservations } from './reservations.js';
import type { ClusterSnapshot } from './snapshot.js';

/**
 * Places one pod on the feasible node it fills most (MostAllocated, sampled on large clusters like
 * kube-scheduler). Does not mutate the snapshot: the caller assumes the pod there if it binds it.
 */
export function placePod(snapshot: ClusterSnapshot, pod: PodRequest, options?: PlacementOptions): PlacementResult {
  if (pod.unsupported !== undefined) return { placed: false, reason: 'Unsupported', message: `pod ${pod.key}: ${pod.unsupported}` };
  const compiled = compilePod(pod);
  const res = new Reservations();
  const all = new NodeSet(snapshot.nodeStates(), true);
  const node = chooseNode(compiled, { set: all, res, percentage: options?.percentageOfNodesToScore });
  if (node) return { placed: true, assignments: [{ podKey: pod.key, node: node.info.name }], minimumCount: 1, score: 1 };
  const level = { id: -1, kind: 'pod' as const, name: pod.key, pack: undefined, children: [], leafIds: new Set<number>() };
  const failure = { level, needed: 1, room: 0, demand: pod.requests, perPod: pod.requests, unplaced: compiled, candidates: all, diagnosis: diagnose(compiled, all, res) };
  return { placed: false, reason: 'Unschedulable', message: failureMessage(failure) };
}
