/**
 * The PodClique reconcile (grove-spec §2.3): deletion → finalizer only (pods go by garbage
 * collection); otherwise rolling update step, pod sync, gate removal, then status. While pods stay
 * gated, or the cache lags our own writes, it looks again.
 */
import { CACHE_CATCH_UP_MS, cached, ensureFinalizer, onlyConflicts, POLL_MS, releaseFinalizer, SAFETY_POLL_MS } from '@grove/controller-kit';
import type { V1Pod } from '@kubernetes/client-node';
import { FINALIZER, LABEL, PodCliqueGVK, type PodClique } from '@grove/api';
import { done, expectationKey, fail, inStep, requeueAfter, type ObjectKey, type ReconcileResult } from '@grove/watch-sdk/controller';
import { OWNER_UID_INDEX } from '@grove/watch-sdk/informer';
import { type ReconcilerDeps } from '../deps.js';
import { liftGates } from './lift-gates.js';
import { rollPods } from './rollout.js';
import { ownedPodCliqueStatus, writePodCliqueStatus } from './status.js';
import { syncPods } from './sync-pods.js';


export function podsOf(pclq: PodClique, deps: Pick<ReconcilerDeps, 'world'>): V1Pod[] {
  const uid = pclq.metadata.uid;
  return uid === undefined ? [] : deps.world.pods.store.byIndex(OWNER_UID_INDEX, uid);
}

export async function reconcilePodClique(key: ObjectKey, deps: ReconcilerDeps): Promise<ReconcileResult> {
  const pclq = cached(deps.world.podCliques, key.namespace, key.name);
  if (pclq === undefined) return done();
  if (pclq.metadata.deletionTimestamp !== undefined) {
    deps.podExpectations.forget(expectationKey(pclq));
    await releaseFinalizer(deps.writer, PodCliqueGVK, pclq, FINALIZER.podClique);
    return done();
  }
  const pcs = cached(deps.world.podCliqueSets, key.namespace, pclq.metadata.labels?.[LABEL.partOf] ?? '');
  // No PodCliqueSet: an orphan that garbage collection is about to remove. Nothing to do.
  if (pcs === undefined) return done();
  await ensureFinalizer(deps.writer, PodCliqueGVK, pclq, FINALIZER.podClique);

  const pods = podsOf(pclq, deps);
  deps.podExpectations.sync(expectationKey(pclq), pods.flatMap((p) => (p.metadata?.uid ? [p.metadata.uid] : [])));
  const rollout = await inStep('rolling update', () => rollPods(pcs, pclq, pods, deps));
  const synced = await inStep('sync pods', () => syncPods(pcs, pclq, podsOf(pclq, deps), deps));
  const gates = await inStep('lift gates', () => liftGates(pclq, podsOf(pclq, deps), deps));
  const errors = [...rollout.errors, ...synced.errors, ...gates.errors];
  const observed = errors.length === 0 ? pclq.metadata.generation : undefined;
  await inStep('status', () => writePodCliqueStatus(pclq, ownedPodCliqueStatus(pcs, pclq, podsOf(pclq, deps), observed, deps), deps));
  if (onlyConflicts(errors)) return requeueAfter(CACHE_CATCH_UP_MS, 'conflict: the cache was behind a write');
  if (errors.length > 0) return fail(...errors);
  if (synced.waitingForCache) return requeueAfter(CACHE_CATCH_UP_MS, 'waiting for the cache to show created or deleted pods');
  if (rollout.requeue) return requeueAfter(POLL_MS, 'rolling update in progress');
  // PodGang and base-gang PodClique events bring gated pods back; the poll is only a safety net.
  if (gates.stillGated > 0) return requeueAfter(SAFETY_POLL_MS, `${gates.stillGated} pods still gated`);
  return done();
}
