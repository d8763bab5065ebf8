/**
 * Rolling recreate of a standalone PodClique's pods (grove-spec §6.3): only while its PodCliqueSet
 * replica is the one being updated (or no update runs), one ready pod at a time, never below
 * `minAvailable`; under OnDelete nothing is deleted (§6.5).
 */
import type { V1Pod } from '@kubernetes/client-node';
import { LABEL, PodCliqueGVK, type PodClique, type PodCliqueSet } from '@grove/api';
import { currentlyUpdatingReplica, isOnDelete, planPodCliqueRollout, podCliqueIdentity } from '@grove/planning';
import type { ReconcilerDeps } from '../deps.js';
import { deletePods } from './sync-pods.js';

export interface RolloutOutcome {
  readonly requeue: boolean;
  readonly errors: readonly Error[];
}

export async function rollPods(pcs: PodCliqueSet, pclq: PodClique, pods: readonly V1Pod[], deps: ReconcilerDeps): Promise<RolloutOutcome> {
  const identity = podCliqueIdentity(pclq);
  if (identity === undefined || identity.placement.kind !== 'standalone') return { requeue: false, errors: [] };
  const updating = currentlyUpdatingReplica(pcs);
  const updateRunning = pcs.status?.updateProgress !== undefined && pcs.status.updateProgress.updateEndedAt === undefined;
  const plan = planPodCliqueRollout({
    podClique: pclq,
    pods,
    pcsGenerationHash: pcs.status?.currentGenerationHash,
    expectedPodTemplateHash: pclq.metadata.labels?.[LABEL.podTemplateHash] ?? '',
    mayReplacePods: !updateRunning || updating === identity.pcsReplica,
    onDelete: isOnDelete(pcs),
    now: deps.now(),
  });
  if (plan.updateProgress !== undefined || plan.resetUpdatedReplicas) {
    const key = { namespace: pclq.metadata.namespace ?? '', name: pclq.metadata.name ?? '' };
    await deps.writer.updateStatus<PodClique>(PodCliqueGVK, key, (fresh) => {
      fresh.status = {
        ...fresh.status,
        ...(plan.updateProgress !== undefined && { updateProgress: plan.updateProgress }),
        ...(plan.resetUpdatedReplicas && { updatedReplicas: 0 }),
      };
    });
  }
  const errors = plan.deletePods.length > 0 ? await deletePods(pclq, plan.deletePods, deps) : [];
  return { requeue: plan.requeue, errors };
}
