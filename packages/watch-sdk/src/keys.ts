/**
 * Object keys: what the work queue carries and what a reconcile receives (level-triggered: a key,
 * never an event). The string form is client-go's `namespace/name` (`name` for cluster-scoped kinds).
 */
export interface ObjectKey {
  readonly namespace?: string;
  readonly name: string;
}

interface Named {
  metadata?: { name?: string; namespace?: string };
}

export function keyString(key: ObjectKey): string {
  return key.namespace ? `${key.namespace}/${key.name}` : key.name;
}

export function parseKey(key: string): ObjectKey {
  const slash = key.indexOf('/');
  return slash < 0 ? { name: key } : { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}

/** The key of an object; `undefined` for one without a name (never stored). */
export function objectKey(object: Named): ObjectKey | undefined {
  const name = object.metadata?.name;
  if (name === undefined) return undefined;
  const namespace = object.metadata?.namespace;
  return namespace ? { namespace, name } : { name };
}

export function objectKeyString(object: Named): string | undefined {
  const key = objectKey(object);
  return key === undefined ? undefined : keyString(key);
}
