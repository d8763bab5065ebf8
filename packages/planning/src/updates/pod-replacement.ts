/**
 * grove-spec §6.3 steps 1–4 — one pass of a PodClique's rolling recreate. Old-hash pods that are not
 * Ready (pending, unhealthy, starting, uncategorised — §1.7) serve nothing and are deleted at once.
 * Ready old pods go one at a time, oldest first, recorded in `readyPodsSelectedToUpdate`; the next is
 * taken only once the previous one is gone and its replacement is Ready, and only while at least
 * minAvailable pods are Ready. A pass deletes at most one Ready pod; the PodClique replaces it at
 * once (delete-first, no surge: a terminating pod counts as a pending delete, Appendix A item 7).
 */
import type { PodClique, PodCliqueUpdateProgress } from '@grove/api';
import type { V1Pod } from '@kubernetes/client-node';
import { isReady, isTerminating, podTemplateHashOf } from '../pods/index.js';
import { podCliqueMinAvailable, podCliqueReplicas, timestampMs } from './object-state.js';
import { endRecord } from './podclique-record.js';

export interface PodReplacementInput {
  readonly podClique: PodClique;
  /** The running record (no `updateEndedAt`). */
  readonly record: PodCliqueUpdateProgress;
  readonly pods: readonly V1Pod[];
  readonly expectedPodTemplateHash: string;
  readonly now: Date;
}

export interface PodReplacementStep {
  /** The record after this pass, or undefined when it is unchanged. */
  readonly record: PodCliqueUpdateProgress | undefined;
  readonly deletePods: readonly V1Pod[];
  readonly requeue: boolean;
}

export function stepPodReplacement(input: PodReplacementInput): PodReplacementStep {
  const { podClique, record, now } = input;
  const live = input.pods.filter((p) => !isTerminating(p));
  const old = live.filter((p) => podTemplateHashOf(p) !== input.expectedPodTemplateHash);
  const oldNotReady = old.filter((p) => !isReady(p));
  const oldReady = old.filter(isReady).sort(oldestFirst);

  const wait: PodReplacementStep = { record: undefined, deletePods: oldNotReady, requeue: true };
  if (selectionInFlight(input, live, old.length)) return wait;
  const next = oldReady[0];
  if (next === undefined) return { record: endRecord(record, now), deletePods: oldNotReady, requeue: false };
  // Never take a Ready pod while fewer than minAvailable are Ready (§6.3 step 3).
  if (live.filter(isReady).length < podCliqueMinAvailable(podClique)) return wait;
  return { record: select(record, podName(next)), deletePods: [...oldNotReady, next], requeue: true };
}

/**
 * §6.3 step 2: the selected pod still exists un-terminated, or fewer new-hash pods are Ready than
 * pods selected so far. The count is capped by what scale-in leaves room for (replicas − old pods),
 * so a PodClique scaled in during its update (RU-20/21) does not wait forever.
 */
function selectionInFlight(input: PodReplacementInput, live: readonly V1Pod[], oldCount: number): boolean {
  const selection = input.record.readyPodsSelectedToUpdate;
  if (selection === undefined || selection.current === '') return false;
  if (live.some((p) => podName(p) === selection.current)) return true;
  const newReady = live.filter((p) => isReady(p) && podTemplateHashOf(p) === input.expectedPodTemplateHash).length;
  const selected = (selection.completed?.length ?? 0) + 1;
  return newReady < Math.min(selected, podCliqueReplicas(input.podClique) - oldCount);
}

/** `current` moves to `completed`, the new pod becomes `current`. */
function select(record: PodCliqueUpdateProgress, pod: string): PodCliqueUpdateProgress {
  const previous = record.readyPodsSelectedToUpdate;
  const completed = previous === undefined ? [] : [...(previous.completed ?? []), previous.current];
  return { ...record, readyPodsSelectedToUpdate: { current: pod, ...(completed.length > 0 && { completed }) } };
}

function oldestFirst(a: V1Pod, b: V1Pod): number {
  const byAge = timestampMs(a.metadata?.creationTimestamp) - timestampMs(b.metadata?.creationTimestamp);
  return byAge !== 0 ? byAge : podName(a).localeCompare(podName(b));
}

function podName(pod: V1Pod): string {
  return pod.metadata?.name ?? '';
}
