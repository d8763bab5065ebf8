/**
 * A scheduling unit is a PodGang or a pod without one; the queue keys them `gang:<ns>/<name>` and
 * `pod:<ns>/<name>`. Their rank: PriorityClass value (missing class → 0), creation time, name.
 */
import type { V1Pod, V1PriorityClass } from '@kubernetes/client-node';
import type { PodGang } from '@grove/api';
import { timeMs } from './pod-facts.js';
import type { Rank } from './scheduling-queue.js';

export interface Unit {
  readonly kind: 'gang' | 'pod';
  readonly namespace: string;
  readonly name: string;
}

export function gangUnitKey(namespace: string, name: string): string {
  return `gang:${namespace}/${name}`;
}

export function podUnitKey(namespace: string, name: string): string {
  return `pod:${namespace}/${name}`;
}

export function parseUnitKey(key: string): Unit {
  const colon = key.indexOf(':');
  const slash = key.indexOf('/', colon);
  return { kind: key.slice(0, colon) === 'gang' ? 'gang' : 'pod', namespace: key.slice(colon + 1, slash), name: key.slice(slash + 1) };
}

/** `<namespace>/<name>` of the unit's object (its informer store key). */
export function objectKeyOf(unit: Unit): string {
  return `${unit.namespace}/${unit.name}`;
}

export type PriorityLookup = (className: string | undefined) => number | undefined;

/** The value of a PriorityClass from the cache; undefined when the class is not (yet) known. */
export function priorityLookup(get: (name: string) => V1PriorityClass | undefined): PriorityLookup {
  return (className) => (className === undefined || className === '' ? undefined : get(className)?.value);
}

export function gangRank(key: string, gang: PodGang | undefined, priority: PriorityLookup, nowMs: number): Rank {
  return {
    priority: priority(gang?.spec.priorityClassName) ?? 0,
    // A gang not cached yet (its pods came first) ranks as new; its own event re-ranks it.
    createdMs: gang === undefined ? nowMs : timeMs(gang.metadata.creationTimestamp as Date | string | undefined),
    name: key,
  };
}

export function podRank(key: string, pod: V1Pod, priority: PriorityLookup): Rank {
  return {
    priority: priority(pod.spec?.priorityClassName) ?? pod.spec?.priority ?? 0,
    createdMs: timeMs(pod.metadata?.creationTimestamp as Date | string | undefined),
    name: key,
  };
}
