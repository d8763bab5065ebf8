/**
 * Informer events → the snapshot and the queue. Level-triggered in spirit: an event only says
 * "look again" (which unit, or every parked unit when capacity may have appeared); what to place
 * is read from the cache by the cycle. Our own status writes change nothing here, so failures do
 * not retrigger themselves.
 */
import type { V1Node, V1Pod, V1PriorityClass } from '@kubernetes/client-node';
import type { PodGang } from '@grove/api';
import type { InformerEvent } from '@grove/watch-sdk/informer';
import type { SchedulerDeps } from './deps.js';
import { GANG_INDEX } from './deps.js';
import { gangNameOf, isPendingFor, podKey } from './pod-facts.js';
import { gangRank, gangUnitKey, objectKeyOf, parseUnitKey, podRank, podUnitKey, priorityLookup } from './units.js';

function priority(deps: SchedulerDeps) {
  return priorityLookup((name) => deps.informers.priorityClasses.store.get(name));
}

export function onNodeEvent(deps: SchedulerDeps, event: InformerEvent<V1Node>): void {
  if (event.type === 'deleted') deps.state.removeNode(event.object.metadata?.name ?? '');
  else if (deps.state.upsertNode(event.object)) deps.queue.activateAll();
}

/** A change that can alter what the scheduler does with the pod (not a status condition or a heartbeat). */
export function podChangeMatters(event: InformerEvent<V1Pod>): boolean {
  if (event.type !== 'updated') return true;
  const [a, b] = [event.old, event.object];
  return (
    a.spec?.nodeName !== b.spec?.nodeName ||
    (a.spec?.schedulingGates?.length ?? 0) !== (b.spec?.schedulingGates?.length ?? 0) ||
    a.metadata?.deletionTimestamp !== b.metadata?.deletionTimestamp ||
    a.status?.phase !== b.status?.phase ||
    a.metadata?.uid !== b.metadata?.uid ||
    gangNameOf(a) !== gangNameOf(b)
  );
}

function upsertGangUnit(deps: SchedulerDeps, namespace: string, name: string): void {
  const key = gangUnitKey(namespace, name);
  deps.queue.upsert(key, gangRank(key, deps.informers.gangs.store.get(`${namespace}/${name}`), priority(deps), deps.now().getTime()));
  deps.queue.activate(key);
}

function trackOurPod(deps: SchedulerDeps, pod: V1Pod, deleted: boolean): void {
  const namespace = pod.metadata?.namespace ?? '';
  const gang = gangNameOf(pod);
  const pending = !deleted && isPendingFor(pod, deps.schedulerName) && deps.state.assumedNode(podKey(pod)) === undefined;
  if (gang !== undefined) {
    // A pod joining, leaving or turning ungated can make its gang ready or change its placement.
    if (pending) upsertGangUnit(deps, namespace, gang);
    else deps.queue.activate(gangUnitKey(namespace, gang));
    return;
  }
  const key = podUnitKey(namespace, pod.metadata?.name ?? '');
  if (!pending) deps.queue.remove(key);
  else {
    deps.queue.upsert(key, podRank(key, pod, priority(deps)));
    deps.queue.activate(key);
  }
}

export function onPodEvent(deps: SchedulerDeps, event: InformerEvent<V1Pod>): void {
  const pod = event.object;
  const released = event.type === 'deleted' ? deps.state.deletePod(pod) : deps.state.applyPod(pod);
  if (released) deps.queue.activateAll();
  if (!podChangeMatters(event)) return;
  if (event.type === 'updated' && event.old.spec?.schedulerName === deps.schedulerName && gangNameOf(event.old) !== gangNameOf(pod)) {
    trackOurPod(deps, event.old, true);
  }
  if (pod.spec?.schedulerName === deps.schedulerName) trackOurPod(deps, pod, event.type === 'deleted');
}

/** A PodGang created or its spec changed: (re)rank it and try it if it has pods to place. */
export function onGangEvent(deps: SchedulerDeps, event: InformerEvent<PodGang>): void {
  const gang = event.object;
  const { namespace = '', name = '' } = gang.metadata;
  const key = gangUnitKey(namespace, name);
  if (event.type === 'deleted') {
    deps.queue.remove(key);
    deps.readySince.delete(key);
    return;
  }
  if (event.type === 'updated' && event.old.metadata.generation === gang.metadata.generation && event.old.metadata.deletionTimestamp === gang.metadata.deletionTimestamp) return;
  const pods = deps.informers.pods.store.byIndex(GANG_INDEX, `${namespace}/${name}`);
  if (deps.queue.has(key) || pods.some((p) => isPendingFor(p, deps.schedulerName))) upsertGangUnit(deps, namespace, name);
}

/** A priority changed: every queued unit is re-ranked (rare). */
export function onPriorityClassEvent(deps: SchedulerDeps, _event: InformerEvent<V1PriorityClass>): void {
  for (const key of deps.queue.keys()) {
    const unit = parseUnitKey(key);
    if (unit.kind === 'gang') deps.queue.upsert(key, gangRank(key, deps.informers.gangs.store.get(objectKeyOf(unit)), priority(deps), deps.now().getTime()));
    else {
      const pod = deps.informers.pods.store.get(objectKeyOf(unit));
      if (pod) deps.queue.upsert(key, podRank(key, pod, priority(deps)));
    }
  }
}
