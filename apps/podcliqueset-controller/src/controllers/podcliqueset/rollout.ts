/**
 * Generation hash and PodCliqueSet-level rolling update (grove-spec §6.1, §6.2): a changed hash
 * starts an update; under RollingRecreate one replica at a time is marked `currentlyUpdating`,
 * and the PodClique and scaling-group controllers replace pods only in that replica.
 */
import { PodCliqueSetGVK, type PodCliqueSet } from '@grove/api';
import { generationHash, isOnDelete, planGenerationHash, planPcsRollout, templateHashes } from '@grove/planning';
import type { ReconcilerDeps } from '../deps.js';
import type { GenerationHashes } from './generation-hashes.js';
import { standalonePodCliquesOf } from './sync-podcliques.js';
import { scalingGroupsOf } from './sync-scaling-groups.js';

const keyOf = (pcs: PodCliqueSet) => ({ namespace: pcs.metadata.namespace ?? '', name: pcs.metadata.name ?? '' });

/** Writes the first hash, or starts an update; true when it wrote (the reconcile then waits for its cache). */
export async function processGenerationHash(pcs: PodCliqueSet, deps: ReconcilerDeps, hashes: GenerationHashes): Promise<boolean> {
  const hash = generationHash(pcs);
  const step = planGenerationHash(pcs, hash, deps.now());
  if (step.kind === 'unchanged') return false;
  await deps.writer.updateStatus<PodCliqueSet>(PodCliqueSetGVK, keyOf(pcs), (fresh) => {
    const status = { ...fresh.status, ...step.status };
    // A new update replaces the old record whole (its currentlyUpdating list included).
    if (step.kind === 'startUpdate' && step.status.updateProgress) status.updateProgress = step.status.updateProgress;
    fresh.status = status;
  });
  hashes.record(pcs, hash);
  return true;
}

export interface RolloutContext {
  readonly breached: ReadonlySet<number>;
  readonly terminated: ReadonlySet<number>;
}

/** Moves the update to the next replica when the current one is done; true when it wrote. */
export async function advanceRollout(pcs: PodCliqueSet, deps: ReconcilerDeps, context: RolloutContext): Promise<boolean> {
  const progress = pcs.status?.updateProgress;
  if (isOnDelete(pcs) || progress === undefined || progress.updateEndedAt !== undefined) return false;
  const next = planPcsRollout({
    pcs,
    podCliques: standalonePodCliquesOf(pcs, deps),
    scalingGroups: scalingGroupsOf(pcs, deps),
    templateHashes: templateHashes(pcs),
    breachedReplicas: context.breached,
    terminatedReplicas: context.terminated,
    now: deps.now(),
  });
  if (next === undefined) return false;
  await deps.writer.updateStatus<PodCliqueSet>(PodCliqueSetGVK, keyOf(pcs), (fresh) => {
    fresh.status = { ...fresh.status, updateProgress: next };
  });
  return true;
}
