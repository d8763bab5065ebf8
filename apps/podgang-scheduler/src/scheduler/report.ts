/**
 * Telling users what happened, without flooding the API server: the PodGang `Scheduled`
 * condition, pod `PodScheduled`, and Events. A failure is written only when its message changed
 * since the last one for that object (the status skips unchanged writes itself; Events are also
 * aggregated by the EventRecorder).
 */
import type { V1Pod } from '@kubernetes/client-node';
import type { PodGang } from '@grove/api';
import type { PlacementFailure } from '@grove/placement';
import { KubeApiError, type InvolvedObject } from '@grove/watch-sdk/writes';
import type { SchedulerDeps } from './deps.js';
import { podKey } from './pod-facts.js';
import { applyScheduled, podSaysUnschedulable, podUnschedulablePatch, scheduledCondition, unscheduledCondition } from './status.js';

export const EVENT = { scheduled: 'Scheduled', failedScheduling: 'FailedScheduling' } as const;

const MAX_REMEMBERED = 20_000;

export function gangRef(gang: PodGang): InvolvedObject {
  const { name, namespace, uid } = gang.metadata;
  return { apiVersion: 'scheduler.grove.io/v1alpha1', kind: 'PodGang', metadata: { ...(name && { name }), ...(namespace && { namespace }), ...(uid && { uid }) } };
}

export function podRef(pod: V1Pod): InvolvedObject {
  const { name, namespace, uid } = pod.metadata ?? {};
  return { apiVersion: 'v1', kind: 'Pod', metadata: { ...(name && { name }), ...(namespace && { namespace }), ...(uid && { uid }) } };
}

function gangKey(gang: PodGang): string {
  return `${gang.metadata.namespace ?? ''}/${gang.metadata.name ?? ''}`;
}

/** True when `message` is new for `key` (and remembers it). */
function isNewMessage(deps: SchedulerDeps, key: string, message: string): boolean {
  if (deps.lastFailure.get(key) === message) return false;
  if (deps.lastFailure.size >= MAX_REMEMBERED) deps.lastFailure.clear();
  deps.lastFailure.set(key, message);
  return true;
}

/** A write to an object deleted meanwhile (404) has nothing left to tell: debug, not error. */
function logWriteError(deps: SchedulerDeps, what: string, key: string) {
  return (err: unknown) => {
    if (err instanceof KubeApiError && err.status === 404) deps.logger.debug({ object: key, write: what }, 'status not written: the object is gone');
    else deps.logger.error({ err, object: key, write: what }, 'status write failed');
  };
}

/** Writes the gang's status from the freshest cached copy, after any earlier write of it. */
function writeGangStatus(deps: SchedulerDeps, gang: PodGang, mutate: (gang: PodGang) => boolean): void {
  const key = gangKey(gang);
  void deps.statusChain
    .run(`PodGang/${key}`, () => deps.writes.gangStatus(deps.informers.gangs.store.get(key) ?? gang, mutate))
    .catch(logWriteError(deps, 'podgang status', key));
}

export function reportPodFailure(deps: SchedulerDeps, pod: V1Pod, failure: PlacementFailure): void {
  const key = podKey(pod);
  const fresh = isNewMessage(deps, `Pod/${key}`, failure.message);
  if (fresh) void deps.events.record(podRef(pod), 'Warning', EVENT.failedScheduling, failure.message);
  if (podSaysUnschedulable(pod, failure.reason, failure.message) || !fresh) return;
  const patch = podUnschedulablePatch(failure.reason, failure.message, deps.now());
  void deps.statusChain.run(`Pod/${key}`, () => deps.writes.podStatus(pod, patch)).catch(logWriteError(deps, 'pod status', key));
}

/** Returns true when the message is new (worth an info log line). */
export function reportGangFailure(deps: SchedulerDeps, gang: PodGang, pending: readonly V1Pod[], failure: PlacementFailure): boolean {
  const desired = unscheduledCondition(failure.reason, failure.message);
  writeGangStatus(deps, gang, (copy) => applyScheduled(copy, desired, deps.now()));
  const fresh = isNewMessage(deps, `PodGang/${gangKey(gang)}`, failure.message);
  if (fresh) void deps.events.record(gangRef(gang), 'Warning', EVENT.failedScheduling, failure.message);
  for (const pod of pending) reportPodFailure(deps, pod, failure);
  return fresh;
}

export function reportGangScheduled(deps: SchedulerDeps, gang: PodGang, score: number): void {
  deps.lastFailure.delete(`PodGang/${gangKey(gang)}`);
  writeGangStatus(deps, gang, (copy) => applyScheduled(copy, scheduledCondition(), deps.now(), score));
}

export function reportPodBound(deps: SchedulerDeps, pod: V1Pod, node: string): void {
  deps.lastFailure.delete(`Pod/${podKey(pod)}`);
  void deps.events.record(podRef(pod), 'Normal', EVENT.scheduled, `Successfully assigned ${podKey(pod)} to ${node}`);
}

/** A binding failed for good: an Event on the gang (or the plain pod). */
export function reportBindFailure(deps: SchedulerDeps, object: InvolvedObject, message: string): void {
  void deps.events.record(object, 'Warning', EVENT.failedScheduling, message);
}
