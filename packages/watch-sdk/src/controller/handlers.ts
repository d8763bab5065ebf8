/**
 * Handlers turn informer events into the keys to reconcile: level-triggered, so what happened is
 * dropped and only *which* root object to look at again is kept. Each is an RxJS operator; compose
 * predicates in front with `filter`.
 */
import { mergeMap, type OperatorFunction } from 'rxjs';
import { objectKey, type ObjectKey } from '../keys.js';
import type { InformerEvent } from '../informer/shared-informer.js';
import type { KubeObject } from '../watch/types.js';

/** The objects an event is about: for an update both versions, since either may matter. */
function objectsOf<T>(event: InformerEvent<T>): T[] {
  return event.type === 'updated' ? [event.old, event.object] : [event.object];
}

function unique(keys: ObjectKey[]): ObjectKey[] {
  const seen = new Map<string, ObjectKey>();
  for (const key of keys) seen.set(`${key.namespace ?? ''}/${key.name}`, key);
  return [...seen.values()];
}

/** The object's own key: for the kind the controller reconciles. */
export function toObjectKeys<T extends KubeObject>(): OperatorFunction<InformerEvent<T>, ObjectKey> {
  return mergeMap((event) => {
    const key = objectKey(event.object);
    return key === undefined ? [] : [key];
  });
}

/**
 * The key of the controlling owner of kind `ownerKind` (in the child's namespace), for children a
 * controller creates: a changed or deleted pod makes its owner reconcile.
 */
export function toOwnerKeys<T extends KubeObject>(ownerKind: string): OperatorFunction<InformerEvent<T>, ObjectKey> {
  return mergeMap((event) => {
    const keys: ObjectKey[] = [];
    for (const object of objectsOf(event)) {
      const namespace = object.metadata?.namespace;
      for (const ref of object.metadata?.ownerReferences ?? []) {
        if (ref.controller !== true || ref.kind !== ownerKind) continue;
        keys.push(namespace ? { namespace, name: ref.name } : { name: ref.name });
      }
    }
    return unique(keys);
  });
}

/** Keys computed by `map` from each object an event is about (e.g. a label naming the root). */
export function toMappedKeys<T extends KubeObject>(map: (object: T) => readonly ObjectKey[]): OperatorFunction<InformerEvent<T>, ObjectKey> {
  return mergeMap((event) => unique(objectsOf(event).flatMap((object) => [...map(object)])));
}

/** A predicate: lets creations, deletions and updates that changed `metadata.generation` through. */
export function generationChanged<T extends KubeObject>(event: InformerEvent<T>): boolean {
  return event.type !== 'updated' || event.old.metadata?.generation !== event.object.metadata?.generation;
}

/**
 * A predicate: {@link generationChanged}, plus updates that set `metadata.deletionTimestamp` (a
 * finalizer to release does not bump the generation).
 */
export function generationOrDeletionChanged<T extends KubeObject>(event: InformerEvent<T>): boolean {
  return generationChanged(event) || (event.type === 'updated' && event.old.metadata?.deletionTimestamp !== event.object.metadata?.deletionTimestamp);
}
