/**
 * The PodCliqueSet status flow (grove-spec §1.1, §2.2 step 4): runs after every reconcile, even a
 * failed one, and writes only when something changed.
 */
import { cached } from '@grove/controller-kit';
import type { V1Condition } from '@kubernetes/client-node';
import { CONDITION_TYPE, PodCliqueSetGVK, podCliqueSetSelector, type LastError, type PodCliqueSet, type PodCliqueSetStatus } from '@grove/api';
import {
  effectiveTopologyName,
  type PcsReplicaCounts,
  pcsReplicaCounts,
  templateHashes,
  removeCondition,
  setCondition,
  topologyLevelsCondition,
} from '@grove/planning';
import { containsDesired } from '@grove/watch-sdk/writes';
import type { ReconcilerDeps } from '../deps.js';
import { standalonePodCliquesOf } from './sync-podcliques.js';
import { scalingGroupsOf } from './sync-scaling-groups.js';

export interface StatusInputs {
  /** Set when the spec flow succeeded. */
  readonly observedGeneration: number | undefined;
  /** Errors of this reconcile's spec flow (empty = keep the previous ones). */
  readonly errors: readonly Error[];
}

/** The status fields this flow owns; `currentGenerationHash` and the update record are the rollout's. */
export interface OwnedStatus {
  readonly fields: PodCliqueSetStatus;
  readonly progressCounts: Pick<PcsReplicaCounts, 'updatedPodCliquesCount' | 'totalPodCliquesCount' | 'updatedPodCliqueScalingGroupsCount' | 'totalPodCliqueScalingGroupsCount'>;
}

export function ownedStatus(pcs: PodCliqueSet, deps: ReconcilerDeps, inputs: StatusInputs): OwnedStatus {
  const now = deps.now();
  const current = pcs.status ?? {};
  const { availableReplicas, updatedReplicas, ...progressCounts } = pcsReplicaCounts({
    pcs,
    generationHash: current.currentGenerationHash ?? '',
    podCliques: standalonePodCliquesOf(pcs, deps),
    scalingGroups: scalingGroupsOf(pcs, deps),
    templateHashes: templateHashes(pcs),
  });
  const fields: PodCliqueSetStatus = {
    replicas: pcs.spec.replicas ?? 0,
    availableReplicas,
    updatedReplicas,
    hpaPodSelector: podCliqueSetSelector(pcs.metadata.name ?? ''),
    ...(inputs.observedGeneration !== undefined && { observedGeneration: inputs.observedGeneration }),
    ...(inputs.errors.length > 0 && { lastErrors: inputs.errors.map((e) => lastError(e, now)) }),
    conditions: topologyCondition(pcs, deps, current.conditions, now),
  };
  return { fields, progressCounts };
}

function topologyCondition(pcs: PodCliqueSet, deps: ReconcilerDeps, conditions: V1Condition[] | undefined, now: Date): V1Condition[] {
  const name = effectiveTopologyName(pcs);
  const topology = name === undefined ? undefined : cached(deps.world.topologies, undefined, name);
  const desired = topologyLevelsCondition(pcs, topology, deps.config.topologyAwareScheduling);
  return desired === undefined ? removeCondition(conditions, CONDITION_TYPE.topologyLevelsUnavailable) : setCondition(conditions, desired, now, pcs.metadata.generation);
}

function lastError(err: Error, now: Date): LastError {
  const code = (err as { code?: unknown }).code;
  return { code: typeof code === 'string' ? code : 'ERR_RECONCILE', description: err.message, observedAt: now.toISOString() };
}

/** Writes the owned fields when the cached object does not show them yet, keeping the rollout's. */
export async function writeStatus(pcs: PodCliqueSet, owned: OwnedStatus, deps: ReconcilerDeps): Promise<void> {
  const cachedStatus = pcs.status ?? {};
  const progress = cachedStatus.updateProgress;
  const countsShown = progress === undefined || containsDesired(progress, owned.progressCounts);
  if (countsShown && containsDesired(cachedStatus, owned.fields) && sameConditions(cachedStatus, owned.fields)) return;
  await deps.writer.updateStatusFrom<PodCliqueSet>(PodCliqueSetGVK, pcs, (fresh) => {
    const updateProgress = fresh.status?.updateProgress;
    fresh.status = { ...fresh.status, ...owned.fields, ...(updateProgress && { updateProgress: { ...updateProgress, ...owned.progressCounts } }) };
  });
}

/** A removed condition is a change `containsDesired` cannot see. */
function sameConditions(a: PodCliqueSetStatus, b: PodCliqueSetStatus): boolean {
  return (a.conditions?.length ?? 0) === (b.conditions?.length ?? 0);
}
