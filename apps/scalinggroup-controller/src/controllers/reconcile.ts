/**
 * The PodCliqueScalingGroup reconcile (grove-spec §2.4): deletion → finalizer only; otherwise the
 * rolling recreate step (§6.4), member sync, and — when no update runs — replica-level gang
 * termination (§4.3); then status (§1.3).
 */
import { EVENT_REASON, FINALIZER, LABEL, PodCliqueScalingGroupGVK, type PodCliqueScalingGroup, type PodCliqueSet } from '@grove/api';
import { CACHE_CATCH_UP_MS, cached, ensureFinalizer, POLL_MS, releaseFinalizer, soonest } from '@grove/controller-kit';
import {
  currentlyUpdatingReplica,
  decideGroupReplicaTermination,
  isOnDelete,
  planScalingGroupRollout,
  templateHashes,
  scalingGroupConvergedHash,
  scalingGroupProgressCounts,
  scalingGroupStatus,
} from '@grove/planning';
import { done, inStep, requeueAfter, type ObjectKey, type ReconcileResult } from '@grove/watch-sdk/controller';
import { containsDesired } from '@grove/watch-sdk/writes';
import type { ScalingGroupDeps } from './deps.js';
import { deleteReplicas, membersOf, syncMembers, type GroupPlace } from './members.js';

/** Where the PCSG sits: its PCS replica and its group's template name, from labels and name. */
function placeOf(pcsg: PodCliqueScalingGroup): GroupPlace | undefined {
  const pcs = pcsg.metadata.labels?.[LABEL.partOf];
  const raw = pcsg.metadata.labels?.[LABEL.podCliqueSetReplicaIndex];
  if (pcs === undefined || raw === undefined || !/^\d+$/.test(raw)) return undefined;
  const prefix = `${pcs}-${raw}-`;
  const name = pcsg.metadata.name ?? '';
  return name.startsWith(prefix) ? { pcsReplica: Number(raw), group: name.slice(prefix.length) } : undefined;
}

export async function reconcileScalingGroup(key: ObjectKey, deps: ScalingGroupDeps): Promise<ReconcileResult> {
  const pcsg = cached(deps.world.scalingGroups, key.namespace, key.name);
  if (pcsg === undefined) return done();
  if (pcsg.metadata.deletionTimestamp !== undefined) {
    await releaseFinalizer(deps.writer, PodCliqueScalingGroupGVK, pcsg, FINALIZER.podCliqueScalingGroup);
    return done();
  }
  const pcs = cached(deps.world.podCliqueSets, key.namespace, pcsg.metadata.labels?.[LABEL.partOf] ?? '');
  const place = placeOf(pcsg);
  if (pcs === undefined || place === undefined) return done(); // an orphan garbage collection removes
  await ensureFinalizer(deps.writer, PodCliqueScalingGroupGVK, pcsg, FINALIZER.podCliqueScalingGroup);

  const hashes = templateHashes(pcs);
  const rollout = await inStep('rolling update', () => rollReplicas(pcs, pcsg, place, hashes, deps));
  await inStep('sync members', () => syncMembers(pcs, pcsg, place, deps));
  const termination = rollout.updating ? undefined : await inStep('gang termination', () => terminateBreachedReplicas(pcs, pcsg, deps));
  await inStep('status', () => writeStatus(pcs, pcsg, hashes, rollout.updating, deps));
  const requeueMs = soonest(rollout.requeue ? POLL_MS : undefined, termination);
  return requeueMs === undefined ? done() : requeueAfter(requeueMs, rollout.requeue ? 'rolling update in progress' : 'breached replicas within their delay');
}

async function rollReplicas(pcs: PodCliqueSet, pcsg: PodCliqueScalingGroup, place: GroupPlace, hashes: Map<string, string>, deps: ScalingGroupDeps): Promise<{ updating: boolean; requeue: boolean }> {
  if (isOnDelete(pcs)) return { updating: false, requeue: false };
  const plan = planScalingGroupRollout({
    pcs,
    scalingGroup: pcsg,
    memberPodCliques: membersOf(pcsg, deps),
    templateHashes: hashes,
    mayReplace: currentlyUpdatingReplica(pcs) === place.pcsReplica,
    now: deps.now(),
  });
  if (plan.updateProgress !== undefined || plan.resetUpdatedReplicas) {
    await deps.writer.updateStatus<PodCliqueScalingGroup>(PodCliqueScalingGroupGVK, keyOf(pcsg), (fresh) => {
      fresh.status = {
        ...fresh.status,
        ...(plan.updateProgress !== undefined && { updateProgress: plan.updateProgress }),
        ...(plan.resetUpdatedReplicas && { updatedReplicas: 0 }),
      };
    });
  }
  if (plan.deleteReplicaIndices.length > 0) await deleteReplicas(pcsg, plan.deleteReplicaIndices, deps);
  const progress = plan.updateProgress ?? pcsg.status?.updateProgress;
  return { updating: progress !== undefined && progress.updateEndedAt === undefined, requeue: plan.requeue };
}

/** §4.3: recycles replicas whose breach outlived the delay; returns when to look again. */
async function terminateBreachedReplicas(pcs: PodCliqueSet, pcsg: PodCliqueScalingGroup, deps: ScalingGroupDeps): Promise<number | undefined> {
  const decision = decideGroupReplicaTermination({ pcs, scalingGroup: pcsg, memberPodCliques: membersOf(pcsg, deps), now: deps.now() });
  if (decision.kind === 'wait') return Math.max(decision.waitMs, 1_000);
  if (decision.kind !== 'terminateReplicas') return undefined;
  const deleted = await deleteReplicas(pcsg, decision.replicaIndices, deps);
  void deps.events.record(pcsg, 'Normal', EVENT_REASON.pcsgReplicaDeleteSuccessful, `Gang terminated replicas ${decision.replicaIndices.join(', ')}: deleted ${deleted} PodCliques`);
  return decision.waitMs === undefined ? CACHE_CATCH_UP_MS : Math.max(decision.waitMs, 1_000);
}

async function writeStatus(pcs: PodCliqueSet, pcsg: PodCliqueScalingGroup, hashes: Map<string, string>, updating: boolean, deps: ScalingGroupDeps): Promise<void> {
  const computed = scalingGroupStatus({
    pcs,
    scalingGroup: { ...pcsg, status: { ...pcsg.status, observedGeneration: pcsg.metadata.generation ?? 0 } },
    memberPodCliques: membersOf(pcsg, deps),
    generationHash: pcs.status?.currentGenerationHash,
    templateHashes: hashes,
    updateInProgress: updating,
    now: deps.now(),
  });
  const { updateProgress: _rollout, lastErrors: _kept, ...fields } = computed;
  const converged = scalingGroupConvergedHash(pcs, pcsg, membersOf(pcsg, deps), hashes);
  const owned = { ...fields, ...(converged !== undefined && { currentPodCliqueSetGenerationHash: converged }) };
  // The update record is the rollout's; its PodClique counts (§1.3, §6.6) are the status flow's.
  const counts = scalingGroupProgressCounts(pcs, pcsg, membersOf(pcsg, deps));
  const before = pcsg.status ?? {};
  const countsShown = before.updateProgress === undefined || containsDesired(before.updateProgress, counts);
  if (countsShown && containsDesired(before, owned) && (before.conditions?.length ?? 0) === (owned.conditions?.length ?? 0)) return;
  await deps.writer.updateStatusFrom<PodCliqueScalingGroup>(PodCliqueScalingGroupGVK, pcsg, (fresh) => {
    const progress = fresh.status?.updateProgress;
    fresh.status = { ...fresh.status, ...owned, ...(progress && { updateProgress: { ...progress, ...counts } }) };
  });
}

function keyOf(pcsg: PodCliqueScalingGroup): { namespace: string; name: string } {
  return { namespace: pcsg.metadata.namespace ?? '', name: pcsg.metadata.name ?? '' };
}
