/**
 * What the scheduler needs to know about a pod, as plain predicates over the (slimmed) V1Pod of
 * the informer cache. Kept in one place so the snapshot, the queue and the gang builder agree.
 */
import type { V1Pod } from '@kubernetes/client-node';
import { LABEL } from '@grove/api';
import { isFinished, isTerminating } from '@grove/planning';

// The pod categories the controllers use: a Succeeded/Failed pod holds nothing on its node.
export { isFinished as isTerminal, isReady, isTerminating } from '@grove/planning';

/** `<namespace>/<name>`: the key of a pod in the snapshot, the queue and the placement model. */
export function podKey(pod: V1Pod): string {
  return `${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}`;
}

export function isBound(pod: V1Pod): boolean {
  return (pod.spec?.nodeName ?? '') !== '';
}

/** Any scheduling gate (Grove's or another's) keeps the pod away from every scheduler. */
export function isGated(pod: V1Pod): boolean {
  return (pod.spec?.schedulingGates?.length ?? 0) > 0;
}

/**
 * Books capacity on its node, whoever scheduled it: bound and not terminal. A terminating pod still
 * holds its resources until it is gone (as kube-scheduler counts it).
 */
export function holdsCapacity(pod: V1Pod): boolean {
  return isBound(pod) && !isFinished(pod);
}

/** Ours and waiting for a node: our scheduler name, unbound, ungated, not terminating or terminal. */
export function isPendingFor(pod: V1Pod, schedulerName: string): boolean {
  return pod.spec?.schedulerName === schedulerName && !isBound(pod) && !isGated(pod) && !isTerminating(pod) && !isFinished(pod);
}

/** The PodGang the pod belongs to (label `grove.io/podgang`, same namespace), if any. */
export function gangNameOf(pod: V1Pod): string | undefined {
  const name = pod.metadata?.labels?.[LABEL.podGang];
  return name === undefined || name === '' ? undefined : name;
}

/** Epoch milliseconds of a timestamp as the cache holds it (an RFC 3339 string from the wire, or a Date). */
export function timeMs(value: Date | string | undefined): number {
  if (value === undefined) return 0;
  const ms = new Date(value).getTime();
  return Number.isNaN(ms) ? 0 : ms;
}
