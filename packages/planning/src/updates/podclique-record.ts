/**
 * A PodClique's own update record (`status.updateProgress`, grove-spec §1.2, §6.3): when to start
 * or restart it, and its shape.
 */
import type { PodClique, PodCliqueUpdateProgress } from '@grove/api';

/**
 * §6.3: start (or reset) when the PCS hash differs from what the PodClique last converged to or is
 * updating to. A record for this very hash — running or ended — stays; a PodClique that already
 * converged to it without a record needs none. A brand-new PodClique (no record, no converged hash)
 * gets one: it ends on the same pass because it has no old pods.
 */
export function needsNewRecord(podClique: PodClique, pcsGenerationHash: string): boolean {
  const record = podClique.status?.updateProgress;
  if (record !== undefined) return record.podCliqueSetGenerationHash !== pcsGenerationHash;
  return podClique.status?.currentPodCliqueSetGenerationHash !== pcsGenerationHash;
}

/** A fresh record; under OnDelete it ends as it starts (§6.5). */
export function newRecord(pcsGenerationHash: string, podTemplateHash: string, onDelete: boolean, now: Date): PodCliqueUpdateProgress {
  const startedAt = now.toISOString();
  return {
    updateStartedAt: startedAt,
    podCliqueSetGenerationHash: pcsGenerationHash,
    podTemplateHash,
    ...(onDelete && { updateEndedAt: startedAt }),
  };
}

export function isRecordRunning(record: PodCliqueUpdateProgress | undefined): record is PodCliqueUpdateProgress {
  return record !== undefined && record.updateEndedAt === undefined;
}

/** The record closed now, its pod selection cleared. */
export function endRecord(record: PodCliqueUpdateProgress, now: Date): PodCliqueUpdateProgress {
  const { readyPodsSelectedToUpdate: _cleared, ...rest } = record;
  return { ...rest, updateEndedAt: now.toISOString() };
}
