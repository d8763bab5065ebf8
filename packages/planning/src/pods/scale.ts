/**
 * How many pods to create or which to delete (grove-spec §2.3 pod sync steps 2–4). Expectations
 * guard against a stale cache: pods created but not yet seen count as present, pods being deleted
 * count as gone. A terminating pod therefore counts as gone at once and its replacement is created
 * while it shuts down ("delete-first", Appendix A item 7).
 */
import type { V1Pod } from '@kubernetes/client-node';
import { isFinished, isReady, isTerminating, podTemplateHashOf } from './categories.js';
import { epochMs } from './time.js';

export interface ScaleInput {
  /** The PodClique's pods in the cache. */
  readonly pods: readonly V1Pod[];
  /** PodClique `spec.replicas`. */
  readonly replicas: number;
  /** Created, not yet in the cache (expectations store). */
  readonly pendingCreates: number;
  /** Deleted, still in the cache. */
  readonly pendingDeleteUids: ReadonlySet<string>;
  readonly expectedPodTemplateHash: string | undefined;
}

export type ScalePlan =
  | { readonly kind: 'none' }
  | { readonly kind: 'create'; readonly count: number }
  | { readonly kind: 'delete'; readonly pods: readonly V1Pod[] };

/**
 * Counted as already deleted: our own pending deletes, pods someone else is deleting, and
 * Succeeded/Failed pods (they never run again, so they must not stand in for a running one).
 */
function isPendingDelete(pod: V1Pod, pendingDeleteUids: ReadonlySet<string>): boolean {
  const uid = pod.metadata?.uid;
  return isTerminating(pod) || isFinished(pod) || (uid !== undefined && pendingDeleteUids.has(uid));
}

/** `diff = existing + pendingCreates − replicas − pendingDeletes`: create on < 0, delete on > 0. */
export function planPodScale(input: ScaleInput): ScalePlan {
  const live = input.pods.filter((p) => !isPendingDelete(p, input.pendingDeleteUids));
  const diff = live.length + input.pendingCreates - input.replicas;
  if (diff < 0) return { kind: 'create', count: -diff };
  if (diff === 0) return { kind: 'none' };
  const victims = orderScaleInVictims(live, input.expectedPodTemplateHash).slice(0, diff);
  return victims.length > 0 ? { kind: 'delete', pods: victims } : { kind: 'none' };
}

type Comparator = (a: V1Pod, b: V1Pod) => number;

/** Which of two pods to delete first by a yes/no property: the one that has it. */
function firstWhen(has: (pod: V1Pod) => boolean): Comparator {
  return (a, b) => Number(has(b)) - Number(has(a));
}

/** Pending < Unknown < Running, as in Kubernetes' ReplicaSet controller; other phases sort with Pending. */
const PHASE_ORDER: Readonly<Record<string, number>> = { Pending: 0, Unknown: 1, Running: 2 };

function phaseRank(pod: V1Pod): number {
  return PHASE_ORDER[pod.status?.phase ?? ''] ?? 0;
}

/** Zero creation time first, then newest first: the pod with the least invested in it goes. */
function byCreation(a: V1Pod, b: V1Pod): number {
  const at = epochMs(a.metadata?.creationTimestamp);
  const bt = epochMs(b.metadata?.creationTimestamp);
  if (at === undefined && bt === undefined) return 0;
  if (at === undefined) return -1;
  if (bt === undefined) return 1;
  return bt - at;
}

/**
 * The scale-in order (§2.3 step 4), each rule breaking ties of the one before: (0) terminating;
 * (1) unassigned (no nodeName); (2) phase Pending < Unknown < Running; (3) not ready; (4) template
 * hash ≠ expected (skipped when no hash is expected); (5) no creation time, then newest. Returns
 * a new array; equal pods keep their input order.
 */
export function orderScaleInVictims(pods: readonly V1Pod[], expectedPodTemplateHash: string | undefined): V1Pod[] {
  const rules: Comparator[] = [
    firstWhen(isTerminating),
    firstWhen((p) => !p.spec?.nodeName),
    (a, b) => phaseRank(a) - phaseRank(b),
    firstWhen((p) => !isReady(p)),
    ...(expectedPodTemplateHash === undefined ? [] : [firstWhen((p) => podTemplateHashOf(p) !== expectedPodTemplateHash)]),
    byCreation,
  ];
  return [...pods].sort((a, b) => rules.reduce((order, rule) => (order !== 0 ? order : rule(a, b)), 0));
}
