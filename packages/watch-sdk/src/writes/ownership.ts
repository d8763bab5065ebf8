/**
 * Owner references and finalizers (lesson 5: a controller never deletes what it cannot prove it
 * owns). Children carry a controller reference to their parent, so garbage collection removes them
 * with it and a watch on the child finds its parent; finalizers are added and removed with patches
 * that touch only the one entry, so another controller's finalizer is never lost.
 */
import type { V1OwnerReference } from '@kubernetes/client-node';
import type { KubeObject, ObjectMeta } from '../watch/types.js';
import type { JsonPatchOperation } from './object-writer.js';

interface Owner {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; uid?: string };
}

/** The controller reference to `owner` (blocks the owner's foreground deletion until the child is gone). */
export function controllerReference(owner: Owner): V1OwnerReference {
  const { apiVersion, kind } = owner;
  const { name, uid } = owner.metadata ?? {};
  if (!apiVersion || !kind || !name || !uid) throw new TypeError(`an owner needs apiVersion, kind, name and uid (got ${kind ?? '?'}/${name ?? '?'})`);
  return { apiVersion, kind, name, uid, controller: true, blockOwnerDeletion: true };
}

/** The controller reference of `object`, if any. */
export function controllerOf(object: KubeObject): NonNullable<ObjectMeta['ownerReferences']>[number] | undefined {
  return object.metadata?.ownerReferences?.find((ref) => ref.controller === true);
}

/** True only when `object`'s controller reference names exactly this owner (by UID). */
export function isControlledBy(object: KubeObject, owner: Owner): boolean {
  const uid = owner.metadata?.uid;
  return uid !== undefined && controllerOf(object)?.uid === uid;
}

export function hasFinalizer(object: KubeObject, finalizer: string): boolean {
  return object.metadata?.finalizers?.includes(finalizer) ?? false;
}

/** JSON Patch adding `finalizer` (and creating the list when there is none); empty when present. */
export function addFinalizerPatch(object: KubeObject, finalizer: string): JsonPatchOperation[] {
  const finalizers = object.metadata?.finalizers;
  if (finalizers?.includes(finalizer)) return [];
  if (finalizers === undefined) return [{ op: 'add', path: '/metadata/finalizers', value: [finalizer] }];
  return [{ op: 'add', path: '/metadata/finalizers/-', value: finalizer }];
}

/**
 * JSON Patch removing `finalizer` at the index it has in `object`, guarded by a `test` so that a
 * list changed meanwhile makes the patch fail (and the caller retry) instead of removing another entry.
 */
export function removeFinalizerPatch(object: KubeObject, finalizer: string): JsonPatchOperation[] {
  const at = object.metadata?.finalizers?.indexOf(finalizer) ?? -1;
  if (at < 0) return [];
  const path = `/metadata/finalizers/${at}`;
  return [
    { op: 'test', path, value: finalizer },
    { op: 'remove', path },
  ];
}
