/**
 * The standalone PodCliques of every replica (grove-spec §2.2): created with the PodCliqueSet as
 * controller owner and the PodClique finalizer; template changes are applied to existing ones, but
 * `spec.replicas` only at creation (HPA and `kubectl scale` own it afterwards, Appendix A item 1).
 * PodCliques of replicas beyond `spec.replicas` are deleted.
 */
import { CONTINUE, cached, ensureScalable, partOf, type StepOutcome } from '@grove/controller-kit';
import { COMPONENT, FINALIZER, LABEL, PodCliqueGVK, type PodClique, type PodCliqueSet } from '@grove/api';
import { expectedStandalonePodCliqueNames, pcsReplicas, standaloneCliques, standalonePodClique } from '@grove/planning';
import { type ReconcilerDeps } from '../deps.js';

export async function syncStandalonePodCliques(pcs: PodCliqueSet, deps: ReconcilerDeps): Promise<StepOutcome> {
  const { world } = deps;
  const namespace = pcs.metadata.namespace ?? '';
  const writes: Promise<unknown>[] = [];
  for (let i = 0; i < pcsReplicas(pcs); i++) {
    for (const clique of standaloneCliques(pcs)) {
      const desired = standalonePodClique(pcs, i, clique.name);
      const current = cached(world.podCliques, namespace, desired.metadata.name ?? '');
      writes.push(ensureScalable(deps.children, PodCliqueGVK, pcs, desired, current, FINALIZER.podClique));
    }
  }
  await Promise.all(writes);
  await deleteUnexpected(pcs, deps);
  return CONTINUE;
}

async function deleteUnexpected(pcs: PodCliqueSet, deps: ReconcilerDeps): Promise<void> {
  const keep = new Set(expectedStandalonePodCliqueNames(pcs));
  const stale = standalonePodCliquesOf(pcs, deps).filter((pclq) => !keep.has(pclq.metadata.name ?? ''));
  await Promise.all(stale.map((pclq) => deps.children.remove(PodCliqueGVK, pcs, pclq)));
}

/** The cached standalone PodCliques of a PodCliqueSet (PCSG members are the scaling groups'). */
export function standalonePodCliquesOf(pcs: PodCliqueSet, deps: Pick<ReconcilerDeps, 'world'>): PodClique[] {
  return partOf(deps.world.podCliques, pcs.metadata.namespace ?? '', pcs.metadata.name ?? '').filter(
    (pclq) => pclq.metadata.labels?.[LABEL.component] === COMPONENT.pcsPodClique,
  );
}
