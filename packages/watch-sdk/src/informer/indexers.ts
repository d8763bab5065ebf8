/**
 * Index functions: each maps an object to the values it is found under. The three every controller
 * needs come ready-made: by namespace, by the value of a label, and by owner UID (children of a
 * parent without scanning the whole cache).
 */
import type { KubeObject } from '../watch/types.js';

export type IndexFunc<T> = (object: T) => readonly string[];

export const NAMESPACE_INDEX = 'namespace';
export const OWNER_UID_INDEX = 'ownerUid';

export function byNamespace(object: KubeObject): readonly string[] {
  const namespace = object.metadata?.namespace;
  return namespace ? [namespace] : [];
}

export function byOwnerUid(object: KubeObject): readonly string[] {
  return object.metadata?.ownerReferences?.map((ref) => ref.uid) ?? [];
}

/** Indexes objects by the value of label `key`; objects without it are not in the index. */
export function byLabel(key: string): IndexFunc<KubeObject> {
  return (object) => {
    const value = object.metadata?.labels?.[key];
    return value === undefined ? [] : [value];
  };
}

/** The index name under which {@link byLabel} for `key` is registered by convention. */
export function labelIndexName(key: string): string {
  return `label:${key}`;
}
