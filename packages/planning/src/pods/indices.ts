/**
 * Pod index allocation (grove-spec §2.1). A pod's index is its identity inside the clique: it names
 * the hostname `<pclq>-<index>` peers resolve through the headless Service, so a replacement pod
 * takes over the lowest free index (usually the one its predecessor released) rather than a new one.
 */
import { podIndexFromHostname } from '@grove/api';
import type { V1Pod } from '@kubernetes/client-node';
import { isActive } from './categories.js';

/** Thrown when active pods cannot be given distinct indices; creating more would only add to the clash. */
export class PodIndexConflictError extends Error {
  constructor(
    message: string,
    /** The pods involved, by name. */
    readonly podNames: readonly string[],
  ) {
    super(message);
    this.name = 'PodIndexConflictError';
  }
}

/** The index in `spec.hostname`'s last `-` segment, or undefined when the pod has none. */
export function podIndexOf(pod: V1Pod): number | undefined {
  const hostname = pod.spec?.hostname;
  return hostname === undefined ? undefined : podIndexFromHostname(hostname);
}

function podName(pod: V1Pod): string {
  return pod.metadata?.name ?? pod.metadata?.generateName ?? '<unnamed>';
}

/**
 * Indices held by active pods (terminating and Succeeded/Failed pods release theirs). Like Grove,
 * an active pod without a readable index is an error rather than ignored: its index is unknown,
 * so any index handed out could clash with it.
 */
function usedIndices(pods: readonly V1Pod[]): Map<number, string> {
  const used = new Map<number, string>();
  for (const pod of pods.filter(isActive)) {
    const index = podIndexOf(pod);
    if (index === undefined) {
      throw new PodIndexConflictError(`pod ${podName(pod)} has no pod index in hostname "${pod.spec?.hostname ?? ''}"`, [podName(pod)]);
    }
    const holder = used.get(index);
    if (holder !== undefined) {
      throw new PodIndexConflictError(`pods ${holder} and ${podName(pod)} both have pod index ${index}`, [holder, podName(pod)]);
    }
    used.set(index, podName(pod));
  }
  return used;
}

/** The `count` lowest non-negative integers no active pod holds, ascending. */
export function freePodIndices(pods: readonly V1Pod[], count: number): number[] {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a non-negative integer, got ${count}`);
  const used = usedIndices(pods);
  const free: number[] = [];
  for (let candidate = 0; free.length < count; candidate++) {
    if (!used.has(candidate)) free.push(candidate);
  }
  return free;
}
