/**
 * The PodClique status flow (grove-spec §1.2, §1.7): pod counts, conditions, selector, and the
 * converged hashes once every pod runs the current template. The update record belongs to the
 * rollout and is never written here.
 */
import type { V1Pod } from '@kubernetes/client-node';
import { EVENT_REASON, LABEL, PodCliqueGVK, type PodClique, type PodCliqueSet, type PodCliqueStatus } from '@grove/api';
import { allScheduledReplicasLost, convergedHashes, isOnDelete, podCliqueStatus } from '@grove/planning';
import { containsDesired } from '@grove/watch-sdk/writes';
import type { ReconcilerDeps } from '../deps.js';

function expectedHash(pclq: PodClique): string | undefined {
  return pclq.status?.updateProgress?.podTemplateHash ?? pclq.metadata.labels?.[LABEL.podTemplateHash] ?? pclq.status?.currentPodTemplateHash;
}

export function ownedPodCliqueStatus(pcs: PodCliqueSet, pclq: PodClique, pods: readonly V1Pod[], observedGeneration: number | undefined, deps: ReconcilerDeps): PodCliqueStatus {
  const progress = pclq.status?.updateProgress;
  const withGeneration = observedGeneration === undefined ? pclq : { ...pclq, status: { ...pclq.status, observedGeneration } };
  const computed = podCliqueStatus({
    podClique: withGeneration,
    pods,
    expectedPodTemplateHash: expectedHash(pclq),
    updateInProgress: progress !== undefined && progress.updateEndedAt === undefined && !isOnDelete(pcs),
    now: deps.now(),
  });
  const hashes = convergedHashes({ ...pclq, status: computed }, computed.updatedReplicas ?? 0, pcs.status?.currentGenerationHash);
  const { updateProgress: _owned, lastErrors: _kept, ...fields } = computed;
  return { ...fields, ...hashes };
}

export async function writePodCliqueStatus(pclq: PodClique, status: PodCliqueStatus, deps: ReconcilerDeps): Promise<void> {
  const before = pclq.status ?? {};
  if (containsDesired(before, status) && (before.conditions?.length ?? 0) === (status.conditions?.length ?? 0)) return;
  if (allScheduledReplicasLost(pclq.status, status)) {
    void deps.events.record(pclq, 'Warning', EVENT_REASON.allScheduledReplicasLost, 'All scheduled pods of the PodClique are gone');
  }
  await deps.writer.updateStatusFrom<PodClique>(PodCliqueGVK, pclq, (fresh) => {
    fresh.status = { ...fresh.status, ...status };
  });
}
