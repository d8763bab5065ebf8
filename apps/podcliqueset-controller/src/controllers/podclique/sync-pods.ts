/**
 * Makes a PodClique's pods match `spec.replicas` (grove-spec §2.3 steps 2–4): new pods take the
 * lowest free indices; scale-in deletes by Grove's victim order; a terminating pod is replaced at
 * once. Every create and delete is recorded in the expectations store, and while the cache has not
 * caught up with them nothing is counted again — so a stale cache never creates a second pod.
 */
import { rejections } from '@grove/controller-kit';
import type { V1Pod } from '@kubernetes/client-node';
import { EVENT_REASON, LABEL, type PodClique, type PodCliqueSet } from '@grove/api';
import { buildPod, freePodIndices, isActive, planPodScale, podCliqueIdentity, startupDependencies } from '@grove/planning';
import { traceAnnotations } from '@grove/telemetry';
import { expectationKey } from '@grove/watch-sdk/controller';
import { BUILTIN } from '@grove/watch-sdk/watch';
import { controllerReference, DESIRED_HASH_ANNOTATION } from '@grove/watch-sdk/writes';
import type { ReconcilerDeps } from '../deps.js';
import { slowStartBatch } from './slow-start.js';

export interface PodSyncOutcome {
  /** The cache is behind our own writes: look again shortly. */
  readonly waitingForCache: boolean;
  readonly errors: readonly Error[];
}

export async function syncPods(pcs: PodCliqueSet, pclq: PodClique, pods: readonly V1Pod[], deps: ReconcilerDeps): Promise<PodSyncOutcome> {
  const key = expectationKey(pclq);
  if (!deps.podExpectations.satisfied(key)) return { waitingForCache: true, errors: [] };
  const plan = planPodScale({
    pods,
    replicas: pclq.spec.replicas ?? 0,
    pendingCreates: 0,
    pendingDeleteUids: new Set(),
    expectedPodTemplateHash: pclq.metadata.labels?.[LABEL.podTemplateHash],
  });
  if (plan.kind === 'create') return { waitingForCache: false, errors: await createPods(pcs, pclq, pods, plan.count, deps) };
  if (plan.kind === 'delete') return { waitingForCache: false, errors: await deletePods(pclq, plan.pods, deps) };
  return { waitingForCache: false, errors: [] };
}

async function createPods(pcs: PodCliqueSet, pclq: PodClique, pods: readonly V1Pod[], count: number, deps: ReconcilerDeps): Promise<Error[]> {
  const identity = podCliqueIdentity(pclq);
  if (identity === undefined) return [new Error(`PodClique ${pclq.metadata.name} has no Grove identity labels: not creating pods`)];
  const dependencies = startupDependencies(pcs, identity.pcsReplica, identity.clique, identity.placement);
  const indices = freePodIndices(pods.filter(isActive), count);
  const key = expectationKey(pclq);
  const created: string[] = [];
  const { errors } = await slowStartBatch(indices.length, 1, async (i) => {
    const pod = buildPod({
      pcs,
      podClique: pclq,
      podIndex: indices[i] ?? 0,
      startupDependencies: dependencies,
      initContainerImage: deps.config.initContainerImage,
      defaultSchedulerName: deps.config.defaultScheduler,
    });
    // The PodClique's bookkeeping annotation is not the pod's.
    const { [DESIRED_HASH_ANNOTATION]: _hash, ...inherited } = pod.metadata?.annotations ?? {};
    const annotations = { ...inherited, ...traceAnnotations() };
    pod.metadata = { ...pod.metadata, ownerReferences: [controllerReference(pclq)], ...(Object.keys(annotations).length > 0 && { annotations }) };
    const result = await deps.writer.create(BUILTIN.pods, pod);
    if (result.metadata?.uid) deps.podExpectations.expectCreations(key, [result.metadata.uid]);
    created.push(result.metadata?.name ?? '');
  });
  if (created.length > 0) void deps.events.record(pclq, 'Normal', EVENT_REASON.podCreateSuccessful, `Created ${created.length} pods: ${created.join(', ')}`);
  if (errors.length > 0) void deps.events.record(pclq, 'Warning', EVENT_REASON.podCreateFailed, errors[0]?.message ?? 'pod create failed');
  return errors;
}

export async function deletePods(pclq: PodClique, victims: readonly V1Pod[], deps: ReconcilerDeps): Promise<Error[]> {
  const key = expectationKey(pclq);
  // Recorded after each delete succeeds: a failed one must not hold the PodClique until the TTL.
  const results = await Promise.allSettled(
    victims.map(async (pod) => {
      if ((await deps.children.remove(BUILTIN.pods, pclq, pod)) && pod.metadata?.uid) deps.podExpectations.expectDeletions(key, [pod.metadata.uid]);
    }),
  );
  const errors = rejections(results);
  const names = victims.map((p) => p.metadata?.name).join(', ');
  if (errors.length === 0) void deps.events.record(pclq, 'Normal', EVENT_REASON.podDeleteSuccessful, `Deleted ${victims.length} pods: ${names}`);
  else void deps.events.record(pclq, 'Warning', EVENT_REASON.podDeleteFailed, errors[0]?.message ?? 'pod delete failed');
  return errors;
}
