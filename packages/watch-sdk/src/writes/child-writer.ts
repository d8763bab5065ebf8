/**
 * Creates, updates and deletes the children of one parent object, the way every Grove controller
 * does it:
 *
 * - a child missing from the cache is created (POST) with the controller reference, its
 *   finalizers and the reconcile's `grove.io/traceparent` (one user change, one trace); fields set
 *   only at creation (`spec.replicas`, which the HPA and `kubectl scale` own afterwards) go into
 *   that create and are carried over from the live object on every later write;
 * - a cached child is rewritten only when what the controller wants changed (a hash of it is kept
 *   in the annotation {@link DESIRED_HASH_ANNOTATION}) or someone changed a field the controller
 *   owns ({@link containsDesired}); so a steady state makes no write at all;
 * - the rewrite is a replace (PUT) at the cached resourceVersion: fields the controller no longer
 *   wants disappear (a server-side apply would keep fields its create owned), and a concurrent
 *   change, e.g. by the HPA, is a conflict and a retry, never a lost write;
 * - a child is deleted only if its controller reference names the parent's UID, and with a UID
 *   precondition, so a newer object under the same name is never removed.
 */
import { createHash } from 'node:crypto';
import { TRACEPARENT_ANNOTATION, traceAnnotations } from '@grove/telemetry';
import type { KubeObject } from '../watch/types.js';
import type { WatchResource } from '../watch/resource.js';
import { KubeApiError } from '../http/kube-request.js';
import { containsDesired } from './drift.js';
import type { ObjectWriter } from './object-writer.js';
import { controllerReference, isControlledBy } from './ownership.js';

/** Hash of the last desired state written to a child (like kubectl's last-applied, but only a hash). */
export const DESIRED_HASH_ANNOTATION = 'grove.io/desired-hash';

export type EnsureResult = 'created' | 'configured' | 'unchanged';

export interface EnsureOptions<T> {
  /** Fields merged into the object on creation only. */
  createOnly?: Partial<T>;
  /** Fields carried over from the live object on every rewrite (the same ones, read back). */
  preserve?: (current: T) => Partial<T>;
  /** Finalizers the child is created with. */
  finalizers?: readonly string[];
}

interface Parent {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; uid?: string };
}

type Meta = NonNullable<KubeObject['metadata']>;

export class ChildWriter {
  constructor(private readonly writer: ObjectWriter) {}

  /** Makes the child `desired` (without owner references) exist as wanted. */
  async ensure<T extends KubeObject>(resource: WatchResource, parent: Parent, desired: T, current: T | undefined, options: EnsureOptions<T> = {}): Promise<EnsureResult> {
    const owned = withOwnerAndHash(desired, parent);
    if (current === undefined) {
      const annotations = { ...owned.metadata?.annotations, ...traceAnnotations() };
      const metadata = { ...owned.metadata, annotations, ...(options.finalizers && { finalizers: [...options.finalizers] }) };
      try {
        await this.writer.create(resource, { ...owned, ...options.createOnly, metadata });
        return 'created';
      } catch (err) {
        // The cache is behind: the child exists. Its event will bring it to the next reconcile.
        if (err instanceof KubeApiError && err.reason === 'AlreadyExists') return 'unchanged';
        throw err;
      }
    }
    const hash = owned.metadata?.annotations?.[DESIRED_HASH_ANNOTATION];
    if (current.metadata?.annotations?.[DESIRED_HASH_ANNOTATION] === hash && containsDesired(current, owned)) return 'unchanged';
    await this.writer.replace(resource, replacement(current, owned, options.preserve));
    return 'configured';
  }

  /** Deletes `child` if `parent` controls it; resolves false when it did not (or it was gone). */
  async remove(resource: WatchResource, parent: Parent, child: KubeObject): Promise<boolean> {
    const name = child.metadata?.name;
    const uid = child.metadata?.uid;
    if (name === undefined || uid === undefined || !isControlledBy(child, parent)) return false;
    const namespace = child.metadata?.namespace;
    return this.writer.delete(resource, { name, ...(namespace !== undefined && { namespace }) }, { uid });
  }
}

/** Stable JSON (sorted keys) of a value, for the desired-state hash. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function desiredHash(object: unknown): string {
  return createHash('sha256').update(canonical(object)).digest('hex').slice(0, 16);
}

function withOwnerAndHash<T extends KubeObject>(desired: T, parent: Parent): T {
  const withOwner: T = { ...desired, metadata: { ...desired.metadata, ownerReferences: [controllerReference(parent)] } };
  const annotations = { ...desired.metadata?.annotations, [DESIRED_HASH_ANNOTATION]: desiredHash(withOwner) };
  return { ...withOwner, metadata: { ...withOwner.metadata, annotations } };
}

/** Annotations a rewrite keeps although the desired state does not name them. */
const KEPT_ANNOTATIONS = [TRACEPARENT_ANNOTATION];

/**
 * The live object with the controller's fields written over it: top-level fields the controller
 * sets (spec, rules, subjects …), labels and annotations are replaced whole (as Grove's
 * create-or-patch does: a label dropped from the template leaves the child); everything else
 * (status, finalizers, server-set fields) is kept.
 */
function replacement<T extends KubeObject>(current: T, owned: T, preserve: ((current: T) => Partial<T>) | undefined): T {
  const kept = Object.fromEntries(Object.entries(current.metadata?.annotations ?? {}).filter(([key]) => KEPT_ANNOTATIONS.includes(key)));
  const metadata: Meta = {
    ...current.metadata,
    labels: { ...owned.metadata?.labels },
    annotations: { ...kept, ...owned.metadata?.annotations },
    ...(owned.metadata?.ownerReferences && { ownerReferences: owned.metadata.ownerReferences }),
  };
  const merged = { ...current, ...owned, metadata } as T;
  return preserve === undefined ? merged : deepMerge(merged, preserve(current));
}

function deepMerge<T>(base: T, extra: unknown): T {
  if (extra === null || typeof extra !== 'object' || Array.isArray(extra) || base === null || typeof base !== 'object') return (extra ?? base) as T;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(extra as Record<string, unknown>)) {
    if (value !== undefined) out[key] = deepMerge(out[key], value);
  }
  return out as T;
}
