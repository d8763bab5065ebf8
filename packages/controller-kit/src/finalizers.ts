/**
 * Adding and removing a controller's finalizer (grove-spec §2.5): each patch touches only that
 * entry; an object already gone when its finalizer is removed is the goal reached, not an error.
 */
import { KubeApiError, addFinalizerPatch, removeFinalizerPatch, type ObjectWriter } from '@grove/watch-sdk/writes';
import type { KubeObject, WatchResource } from '@grove/watch-sdk/watch';

function keyOf(object: KubeObject): { name: string; namespace?: string } {
  const { name = '', namespace } = object.metadata ?? {};
  return { name, ...(namespace !== undefined && { namespace }) };
}

export async function ensureFinalizer(writer: ObjectWriter, resource: WatchResource, object: KubeObject, finalizer: string): Promise<void> {
  const patch = addFinalizerPatch(object, finalizer);
  if (patch.length > 0) await writer.jsonPatch(resource, keyOf(object), patch);
}

export async function releaseFinalizer(writer: ObjectWriter, resource: WatchResource, object: KubeObject, finalizer: string): Promise<void> {
  const patch = removeFinalizerPatch(object, finalizer);
  if (patch.length === 0) return;
  try {
    await writer.jsonPatch(resource, keyOf(object), patch);
  } catch (err) {
    if (!(err instanceof KubeApiError && err.status === 404)) throw err;
  }
}
