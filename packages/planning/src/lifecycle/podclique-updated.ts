/**
 * When a PodClique counts as "updated" (grove-spec §6.2, §1.3): converged on the wanted template on
 * every side. The spec side is its `grove.io/pod-template-hash` label; the runtime side is the
 * status hashes the PodClique controller stamps only once its rolling update is over (§6.3); and
 * at least `minAvailable` pods both run the new template and are Ready.
 */
import { LABEL, type PodClique } from '@grove/api';
import { podCliqueMinAvailable } from './object-views.js';

export function podCliqueUpdated(podClique: PodClique, pcsGenerationHash: string, expectedPodTemplateHash: string): boolean {
  const status = podClique.status ?? {};
  const minAvailable = podCliqueMinAvailable(podClique);
  return (
    podClique.metadata.labels?.[LABEL.podTemplateHash] === expectedPodTemplateHash &&
    status.currentPodTemplateHash === expectedPodTemplateHash &&
    status.currentPodCliqueSetGenerationHash === pcsGenerationHash &&
    (status.readyReplicas ?? 0) >= minAvailable &&
    (status.updatedReplicas ?? 0) >= minAvailable
  );
}
