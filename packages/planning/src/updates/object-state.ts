/**
 * The few facts about live PodCliques and PodCliqueScalingGroups that rolling updates read
 * (grove-spec §1.2, §1.3, §6). Pods are read through the shared categorisation in ../pods (§1.7).
 * Objects come from an informer cache, where timestamps may be `Date`s or RFC 3339 strings.
 */
import { LABEL, type PodClique } from '@grove/api';
import type { V1ObjectMeta } from '@kubernetes/client-node';
import { podCliqueUpdated } from '../lifecycle/index.js';

/** Epoch milliseconds of a cached timestamp; a missing one counts as the zero time. */
export function timestampMs(value: Date | string | undefined): number {
  return value === undefined ? 0 : new Date(value).getTime();
}

/** Deletion of the object has been requested (deletionTimestamp set). */
export function isDeleting(metadata: V1ObjectMeta): boolean {
  return metadata.deletionTimestamp !== undefined && metadata.deletionTimestamp !== null;
}

/** The `grove.io/pod-template-hash` label of a PodClique: the template the PCS wants it to run. */
export function templateHashLabel(podClique: PodClique): string | undefined {
  return podClique.metadata.labels?.[LABEL.podTemplateHash];
}

/** A PodClique's `spec.replicas` (1 when omitted, as the CRD says). */
export function podCliqueReplicas(podClique: PodClique): number {
  return podClique.spec.replicas ?? 1;
}

/** A PodClique's floor: `spec.minAvailable`, defaulting to its replicas. */
export function podCliqueMinAvailable(podClique: PodClique): number {
  return podClique.spec.minAvailable ?? podCliqueReplicas(podClique);
}

/**
 * §6.2/§6.4 "updated" PodClique (hash label, converged template and generation hashes all match,
 * at least minAvailable pods ready and updated) that is also live: a PodClique being deleted is
 * about to be replaced, and a clique without a known expected hash is never updated.
 */
export function isPodCliqueUpdated(podClique: PodClique, expectedTemplateHash: string | undefined, pcsGenerationHash: string): boolean {
  return (
    expectedTemplateHash !== undefined &&
    !isDeleting(podClique.metadata) &&
    podCliqueUpdated(podClique, pcsGenerationHash, expectedTemplateHash)
  );
}
