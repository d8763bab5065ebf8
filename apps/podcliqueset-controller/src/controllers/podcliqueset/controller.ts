/**
 * Registers the PodCliqueSet controller: what makes a PodCliqueSet reconcile (grove-spec §2.2
 * "Triggers") — its own spec changes, the reconcile-trigger annotation, deletion; changes of the
 * children it aggregates or recreates; ClusterTopologyBindings it names.
 */
import { filter, map, mergeMap, type Observable } from 'rxjs';
import { ANNOTATION, LABEL, type ClusterTopologyBinding, type PodCliqueSet } from '@grove/api';
import { effectiveTopologyName } from '@grove/planning';
import { keyString, toMappedKeys, toObjectKeys, type ObjectKey } from '@grove/watch-sdk/controller';
import type { InformerEvent } from '@grove/watch-sdk/informer';
import type { Manager } from '@grove/watch-sdk/manager';
import type { KubeObject } from '@grove/watch-sdk/watch';
import type { ReconcilerDeps } from '../deps.js';
import { GenerationHashes } from './generation-hashes.js';
import { reconcilePodCliqueSet } from './reconcile.js';

export const PODCLIQUESET_CONTROLLER = 'podcliqueset';

function specOrTriggerChanged(event: InformerEvent<PodCliqueSet>): boolean {
  if (event.type !== 'updated') return true;
  const [before, after] = [event.old.metadata, event.object.metadata];
  return (
    before.generation !== after.generation ||
    before.annotations?.[ANNOTATION.reconcileTrigger] !== after.annotations?.[ANNOTATION.reconcileTrigger] ||
    before.deletionTimestamp !== after.deletionTimestamp
  );
}

/** A child's PodCliqueSet, from its `part-of` label. */
function toPartOfKeys<T extends KubeObject>() {
  return toMappedKeys<T>((object) => {
    const pcs = object.metadata?.labels?.[LABEL.partOf];
    const namespace = object.metadata?.namespace;
    return pcs === undefined || namespace === undefined ? [] : [{ namespace, name: pcs }];
  });
}

export function addPodCliqueSetController(manager: Manager, deps: ReconcilerDeps): void {
  const { world } = deps;
  const hashes = new GenerationHashes();
  const topologyUsers = (event$: Observable<InformerEvent<ClusterTopologyBinding>>): Observable<ObjectKey> =>
    event$.pipe(
      map((event) => event.object.metadata.name),
      mergeMap((name) => world.podCliqueSets.store.list().filter((pcs) => effectiveTopologyName(pcs) === name)),
      toKey(),
    );
  manager.addController({
    name: PODCLIQUESET_CONTROLLER,
    kind: 'PodCliqueSet',
    workers: deps.config.workers,
    annotations: (key) => world.podCliqueSets.store.get(keyString(key))?.metadata.annotations,
    watches: () => [
      world.podCliqueSets.events$().pipe(filter(specOrTriggerChanged), toObjectKeys()),
      world.podCliques.events$().pipe(toPartOfKeys()),
      world.scalingGroups.events$().pipe(toPartOfKeys()),
      world.podGangs.events$().pipe(toPartOfKeys()),
      world.pods.events$().pipe(filter(podMembershipChanged), toPartOfKeys()),
      // Children it recreates when someone deletes or changes them (this also starts their informers).
      world.services.events$().pipe(toPartOfKeys()),
      world.secrets.events$().pipe(toPartOfKeys()),
      world.serviceAccounts.events$().pipe(toPartOfKeys()),
      world.roles.events$().pipe(toPartOfKeys()),
      world.roleBindings.events$().pipe(toPartOfKeys()),
      topologyUsers(world.topologies.events$()),
    ],
    reconcile: (key, ctx) => reconcilePodCliqueSet(key, ctx, deps, hashes),
  });
}

/** Pods matter to a PodCliqueSet only for gang membership: added, deleted, terminating, relabelled. */
function podMembershipChanged(event: InformerEvent<KubeObject>): boolean {
  if (event.type !== 'updated') return true;
  const [before, after] = [event.old.metadata, event.object.metadata];
  return before?.deletionTimestamp !== after?.deletionTimestamp || before?.labels?.[LABEL.podGang] !== after?.labels?.[LABEL.podGang];
}

function toKey() {
  return mergeMap((pcs: PodCliqueSet): ObjectKey[] => {
    const { name, namespace } = pcs.metadata;
    return name === undefined || namespace === undefined ? [] : [{ namespace, name }];
  });
}
