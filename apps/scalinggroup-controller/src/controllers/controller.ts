/**
 * Registers the PodCliqueScalingGroup controller (grove-spec §2.4 "Triggers"): its own spec
 * changes and deletion; its member PodCliques; and a PodCliqueSet whose update moves (the PCSGs of
 * the replica now updating may start replacing replicas).
 */
import { filter } from 'rxjs';
import type { PodCliqueSet } from '@grove/api';
import { partOf } from '@grove/controller-kit';
import { generationOrDeletionChanged, keyString, toMappedKeys, toObjectKeys, toOwnerKeys } from '@grove/watch-sdk/controller';
import type { InformerEvent } from '@grove/watch-sdk/informer';
import type { Manager } from '@grove/watch-sdk/manager';
import type { ScalingGroupDeps } from './deps.js';
import { reconcileScalingGroup } from './reconcile.js';

export const SCALINGGROUP_CONTROLLER = 'podcliquescalinggroup';

function updateMoved(event: InformerEvent<PodCliqueSet>): boolean {
  if (event.type !== 'updated') return false;
  const [before, after] = [event.old.status, event.object.status];
  return before?.currentGenerationHash !== after?.currentGenerationHash || JSON.stringify(before?.updateProgress) !== JSON.stringify(after?.updateProgress);
}

export function addScalingGroupController(manager: Manager, deps: ScalingGroupDeps, workers: number): void {
  const { world } = deps;
  manager.addController({
    name: SCALINGGROUP_CONTROLLER,
    kind: 'PodCliqueScalingGroup',
    workers,
    annotations: (key) => world.scalingGroups.store.get(keyString(key))?.metadata.annotations,
    watches: () => [
      world.scalingGroups.events$().pipe(filter(generationOrDeletionChanged), toObjectKeys()),
      world.podCliques.events$().pipe(toOwnerKeys('PodCliqueScalingGroup')),
      world.podCliqueSets.events$().pipe(
        filter(updateMoved),
        toMappedKeys((pcs: PodCliqueSet) =>
          partOf(world.scalingGroups, pcs.metadata.namespace ?? '', pcs.metadata.name ?? '').map((g) => ({ namespace: g.metadata.namespace ?? '', name: g.metadata.name ?? '' })),
        ),
      ),
    ],
    reconcile: (key) => reconcileScalingGroup(key, deps),
  });
}
