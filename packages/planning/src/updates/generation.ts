/**
 * grove-spec §6.1 "Processing each PCS reconcile": compare the freshly computed generation hash
 * with `status.currentGenerationHash`. The first hash is simply recorded; a different one starts an
 * update. The in-memory expectation that guards against a stale cache is the reconciler's job.
 */
import type { PodCliqueSet, PodCliqueSetStatus } from '@grove/api';
import { isOnDelete } from '../template.js';

export type GenerationHashStep =
  | { readonly kind: 'unchanged' }
  /** First hash: record it; there is nothing to update from. */
  | { readonly kind: 'initialise'; readonly status: Partial<PodCliqueSetStatus> }
  /** The pod templates changed: a fresh update record, updatedReplicas back to 0, the new hash. */
  | { readonly kind: 'startUpdate'; readonly status: Partial<PodCliqueSetStatus> };

export function planGenerationHash(pcs: PodCliqueSet, generationHash: string, now: Date): GenerationHashStep {
  const current = pcs.status?.currentGenerationHash;
  if (current === undefined) return { kind: 'initialise', status: { currentGenerationHash: generationHash } };
  if (current === generationHash) return { kind: 'unchanged' };
  const startedAt = now.toISOString();
  return {
    kind: 'startUpdate',
    status: {
      currentGenerationHash: generationHash,
      updatedReplicas: 0,
      // §6.5: under OnDelete Grove has no work of its own, so the record ends as it starts (and, with
      // no update "in progress", gang termination stays armed — Appendix A item 6).
      updateProgress: { updateStartedAt: startedAt, ...(isOnDelete(pcs) && { updateEndedAt: startedAt }) },
    },
  };
}
