/** The fields a log line keeps from a Kubernetes object: enough to find it, never its spec or status. */
export interface KubeObjectRef {
  kind: string;
  namespace: string | undefined;
  name: string | undefined;
  resourceVersion: string | undefined;
}

interface KubeObjectLike {
  apiVersion: string;
  kind: string;
  metadata: { namespace?: unknown; name?: unknown; resourceVersion?: unknown };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** True for anything shaped like a Kubernetes object: `apiVersion`, `kind` and a `metadata` object. */
export function isKubeObject(value: unknown): value is KubeObjectLike {
  return (
    isRecord(value) &&
    typeof value['apiVersion'] === 'string' &&
    typeof value['kind'] === 'string' &&
    isRecord(value['metadata'])
  );
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/**
 * Reduces a Kubernetes object (or an array of them) to `{kind, namespace, name, resourceVersion}`;
 * any other value is returned unchanged.
 */
export function serializeKubeObject(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.some(isKubeObject) ? value.map(serializeKubeObject) : value;
  }
  if (!isKubeObject(value)) {
    return value;
  }
  const { metadata } = value;
  const ref: KubeObjectRef = {
    kind: value.kind,
    namespace: optionalString(metadata.namespace),
    name: optionalString(metadata.name),
    resourceVersion: optionalString(metadata.resourceVersion),
  };
  return ref;
}

/** Applies {@link serializeKubeObject} to every top-level field of a log record. */
export function reduceKubeObjects(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    out[key] = serializeKubeObject(value);
  }
  return out;
}
