/**
 * grove-spec §6.3 — a standalone PodClique's side of an update (PodClique controller): keep its own
 * update record in step with the PCS generation hash, and under RollingRecreate replace its
 * old-hash pods (see pod-replacement.ts) while its PCS replica is the one being updated. Under
 * OnDelete (§6.5) the record is created already ended and no pod is ever deleted.
 * Also the §1.2 convergence stamp: `currentPodTemplateHash` / `currentPodCliqueSetGenerationHash`.
 */
import type { PodClique, PodCliqueUpdateProgress } from '@grove/api';
import type { V1Pod } from '@kubernetes/client-node';
import { podCliqueReplicas, templateHashLabel } from './object-state.js';
import { stepPodReplacement } from './pod-replacement.js';
import { endRecord, isRecordRunning, needsNewRecord, newRecord } from './podclique-record.js';

export interface PodCliqueRolloutInput {
  readonly podClique: PodClique;
  /** The PodClique's pods in the cache. */
  readonly pods: readonly V1Pod[];
  /** The PCS's status.currentGenerationHash. */
  readonly pcsGenerationHash: string | undefined;
  /** The PodClique's grove.io/pod-template-hash label. */
  readonly expectedPodTemplateHash: string;
  /** The PCS is not updating, or this PodClique's PCS replica is the one in currentlyUpdating. */
  readonly mayReplacePods: boolean;
  readonly onDelete: boolean;
  readonly now: Date;
}

export interface PodCliqueRolloutPlan {
  /** status.updateProgress to write, when it changes (undefined = leave as is). */
  readonly updateProgress: PodCliqueUpdateProgress | undefined;
  /** Write updatedReplicas 0 (an update just started or restarted). */
  readonly resetUpdatedReplicas: boolean;
  /** Pods to delete now (all non-ready old-hash pods at once, or the one selected ready pod). */
  readonly deletePods: readonly V1Pod[];
  /** Wait and look again (5 s) — e.g. the selected pod's replacement is not ready yet or readyReplicas < minAvailable. */
  readonly requeue: boolean;
}

const NOTHING: PodCliqueRolloutPlan = { updateProgress: undefined, resetUpdatedReplicas: false, deletePods: [], requeue: false };

export function planPodCliqueRollout(input: PodCliqueRolloutInput): PodCliqueRolloutPlan {
  const { podClique, pcsGenerationHash, now } = input;
  // Before the PCS has recorded its first hash there is nothing to update towards.
  if (pcsGenerationHash === undefined) return NOTHING;
  // OnDelete only keeps records (there is no currentlyUpdating to wait for); RollingRecreate waits for its turn.
  if (!input.onDelete && !input.mayReplacePods) return NOTHING;

  const restart = needsNewRecord(podClique, pcsGenerationHash);
  const record = restart
    ? newRecord(pcsGenerationHash, input.expectedPodTemplateHash, input.onDelete, now)
    : podClique.status?.updateProgress;
  const changed = restart ? record : undefined;
  if (!isRecordRunning(record)) return { ...NOTHING, updateProgress: changed, resetUpdatedReplicas: restart };
  // A record left running by RollingRecreate before a switch to OnDelete: Grove has no work left (§6.5).
  if (input.onDelete) return { ...NOTHING, updateProgress: endRecord(record, now), resetUpdatedReplicas: restart };

  const { pods, expectedPodTemplateHash } = input;
  const step = stepPodReplacement({ podClique, record, pods, expectedPodTemplateHash, now });
  return { updateProgress: step.record ?? changed, resetUpdatedReplicas: restart, deletePods: step.deletePods, requeue: step.requeue };
}

/**
 * §1.2/§6.3: once updatedReplicas == replicas with an ended update record, stamp
 * currentPodTemplateHash and currentPodCliqueSetGenerationHash from the record. Returns the two
 * fields to write, or undefined (not converged yet, or already stamped).
 *
 * A PodClique with no record — a brand-new one, or a PCSG member, which RollingRecreate replaces
 * whole instead of keeping a record (§6.4) — is stamped with its own hash label and the PCS hash
 * when `pcsGenerationHash` is given, provided it has not converged to a different template before.
 */
export function convergedHashes(
  podClique: PodClique,
  updatedReplicas: number,
  pcsGenerationHash?: string,
): { currentPodTemplateHash: string; currentPodCliqueSetGenerationHash: string } | undefined {
  if (updatedReplicas < podCliqueReplicas(podClique)) return undefined;
  const target = convergenceTarget(podClique, pcsGenerationHash);
  if (target === undefined) return undefined;
  const status = podClique.status;
  const alreadyStamped =
    status?.currentPodTemplateHash === target.currentPodTemplateHash &&
    status.currentPodCliqueSetGenerationHash === target.currentPodCliqueSetGenerationHash;
  return alreadyStamped ? undefined : target;
}

function convergenceTarget(
  podClique: PodClique,
  pcsGenerationHash: string | undefined,
): { currentPodTemplateHash: string; currentPodCliqueSetGenerationHash: string } | undefined {
  const record = podClique.status?.updateProgress;
  if (record !== undefined) {
    if (record.updateEndedAt === undefined) return undefined;
    return { currentPodTemplateHash: record.podTemplateHash, currentPodCliqueSetGenerationHash: record.podCliqueSetGenerationHash };
  }
  const label = templateHashLabel(podClique);
  const converged = podClique.status?.currentPodTemplateHash;
  if (pcsGenerationHash === undefined || label === undefined) return undefined;
  if (converged !== undefined && converged !== label) return undefined;
  return { currentPodTemplateHash: label, currentPodCliqueSetGenerationHash: pcsGenerationHash };
}
