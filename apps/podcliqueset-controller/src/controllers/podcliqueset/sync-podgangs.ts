/**
 * The PodGangs of every replica (grove-spec §3): unexpected gangs deleted, expected ones applied,
 * then `Initialized` written — False until every pod of the gang exists and carries its label,
 * True after. Pods appear in other reconciles (of the PodCliques); their events bring this one back.
 */
import { CONTINUE, SAFETY_POLL_MS, cached, partOf, type StepOutcome } from '@grove/controller-kit';
import { PodGangGVK, type PodCliqueSet, type PodGang } from '@grove/api';
import { effectiveTopologyName, expectedPodGangs, podGangReady, podGangStatusUpdate, type GangWorld } from '@grove/planning';
import { type ReconcilerDeps } from '../deps.js';
import { scalingGroupsOf } from './sync-scaling-groups.js';

export function gangWorld(pcs: PodCliqueSet, deps: ReconcilerDeps): GangWorld {
  const { world, config } = deps;
  const namespace = pcs.metadata.namespace ?? '';
  const name = pcs.metadata.name ?? '';
  const topologyName = effectiveTopologyName(pcs);
  return {
    pcs,
    podCliques: partOf(world.podCliques, namespace, name),
    scalingGroups: scalingGroupsOf(pcs, deps),
    pods: partOf(world.pods, namespace, name),
    topology: topologyName === undefined ? undefined : cached(world.topologies, undefined, topologyName),
    topologyAwareScheduling: config.topologyAwareScheduling,
    defaultSchedulerName: config.defaultScheduler,
  };
}

export async function syncPodGangs(pcs: PodCliqueSet, deps: ReconcilerDeps): Promise<StepOutcome> {
  const namespace = pcs.metadata.namespace ?? '';
  const gw = gangWorld(pcs, deps);
  const expected = expectedPodGangs(gw);
  const keep = new Set(expected.map((g) => g.metadata.name));
  const stale = partOf(deps.world.podGangs, namespace, pcs.metadata.name ?? '').filter((g) => !keep.has(g.metadata.name));
  await Promise.all(stale.map((g) => deps.children.remove(PodGangGVK, pcs, g)));
  let pending = 0;
  // In order, stopping at the first failure (§3.2): a base gang is written before its scaled gangs.
  for (const gang of expected) {
    const current = cached(deps.world.podGangs, namespace, gang.metadata.name ?? '');
    await deps.children.ensure(PodGangGVK, pcs, gang, current);
    const ready = podGangReady(gang, gw);
    if (!ready) pending++;
    await writeGangStatus(gang, current, ready, deps);
  }
  // Pod and PodClique events bring this reconcile back when a gang's pods appear.
  return pending === 0 ? CONTINUE : { kind: 'continue', requeueMs: SAFETY_POLL_MS };
}

async function writeGangStatus(gang: PodGang, current: PodGang | undefined, ready: boolean, deps: ReconcilerDeps): Promise<void> {
  if (podGangStatusUpdate(current, ready, deps.now()) === undefined) return;
  const mutate = (fresh: PodGang): boolean => {
    const status = podGangStatusUpdate(fresh, ready, deps.now());
    if (status === undefined) return false;
    fresh.status = status;
    return true;
  };
  // Written at a resourceVersion (the cached one, or a fresh read after a conflict or a create):
  // conditions the scheduler wrote meanwhile are never lost.
  if (current !== undefined) await deps.writer.updateStatusFrom(PodGangGVK, current, mutate);
  else await deps.writer.updateStatus(PodGangGVK, { namespace: gang.metadata.namespace ?? '', name: gang.metadata.name ?? '' }, mutate);
}
