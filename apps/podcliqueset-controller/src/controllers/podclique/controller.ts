/**
 * Registers the PodClique controller (grove-spec §2.3 "Triggers"): spec changes and deletion of a
 * PodClique; its pods' readiness, scheduling and deletion; a PodCliqueSet whose update moves to
 * another replica; a PodGang that references new pods; and a base gang's cliques getting scheduled
 * (their scaled gangs' pods may then be released).
 */
import { BASE_GANG_INDEX, partOf } from '@grove/controller-kit';
import { filter } from 'rxjs';
import { LABEL, type PodClique, type PodCliqueSet } from '@grove/api';
import { generationOrDeletionChanged, keyString, toMappedKeys, toObjectKeys, toOwnerKeys, type ObjectKey } from '@grove/watch-sdk/controller';
import type { InformerEvent } from '@grove/watch-sdk/informer';
import type { Manager } from '@grove/watch-sdk/manager';
import type { ReconcilerDeps } from '../deps.js';
import { reconcilePodClique } from './reconcile.js';

export const PODCLIQUE_CONTROLLER = 'podclique';

function scheduledChanged(event: InformerEvent<PodClique>): boolean {
  return event.type === 'updated' && event.old.status?.scheduledReplicas !== event.object.status?.scheduledReplicas;
}

function updateMoved(event: InformerEvent<PodCliqueSet>): boolean {
  if (event.type !== 'updated') return false;
  const [before, after] = [event.old.status, event.object.status];
  return (
    before?.currentGenerationHash !== after?.currentGenerationHash ||
    JSON.stringify(before?.updateProgress?.currentlyUpdating) !== JSON.stringify(after?.updateProgress?.currentlyUpdating)
  );
}

export function addPodCliqueController(manager: Manager, deps: ReconcilerDeps): void {
  const { world } = deps;
  const key = (o: { metadata: { namespace?: string; name?: string } }): ObjectKey[] =>
    o.metadata.name === undefined ? [] : [{ namespace: o.metadata.namespace ?? '', name: o.metadata.name }];
  manager.addController({
    name: PODCLIQUE_CONTROLLER,
    kind: 'PodClique',
    workers: deps.config.workers,
    annotations: (k) => world.podCliques.store.get(keyString(k))?.metadata.annotations,
    watches: () => [
      world.podCliques.events$().pipe(filter(generationOrDeletionChanged), toObjectKeys()),
      world.pods.events$().pipe(toOwnerKeys('PodClique')),
      world.podCliqueSets.events$().pipe(
        filter(updateMoved),
        toMappedKeys((pcs: PodCliqueSet) => partOf(world.podCliques, pcs.metadata.namespace ?? '', pcs.metadata.name ?? '').flatMap(key)),
      ),
      world.podGangs.events$().pipe(
        toMappedKeys((gang) => gang.spec.podgroups.map((g) => ({ namespace: gang.metadata.namespace ?? '', name: g.name }))),
      ),
      world.podCliques.events$().pipe(
        filter(scheduledChanged),
        filter((e) => e.object.metadata.labels?.[LABEL.basePodGang] === undefined),
        toMappedKeys((pclq) => world.podCliques.store.byIndex(BASE_GANG_INDEX, `${pclq.metadata.namespace ?? ''}/${pclq.metadata.labels?.[LABEL.podGang] ?? ''}`).flatMap(key)),
      ),
    ],
    reconcile: (k) => reconcilePodClique(k, deps),
  });
}
