/**
 * Creates, updates and deletes the children of one parent object, the way every Grove controller
 * does it:
 *
 * - a child missing from the cache is created (POST) with the controller reference and its
 *   finalizers; fields set only at creation (`spec.replicas`, which the HPA and `kubectl scale`
 *   own afterwards) go into that create and never into later applies;
 * - a cached child is server-side applied only when it lacks something the controller wants
 *   ({@link containsDesired}), so a steady state makes no write;
 * - a child is deleted only if its controller reference names the parent's UID, and with a UID
 *   precondition, so a newer object under the same name is never removed.
 */
import type { KubeObject } from '../watch/types.js';
import type { WatchResource } from '../watch/resource.js';
import { KubeApiError } from '../http/kube-request.js';
import { containsDesired } from './drift.js';
import type { ObjectWriter } from './object-writer.js';
import { controllerReference, isControlledBy } from './ownership.js';

export type EnsureResult = 'created' | 'configured' | 'unchanged';

export interface EnsureOptions<T> {
  /** Fields merged into the object on creation only. */
  createOnly?: Partial<T>;
  /** Finalizers the child is created with. */
  finalizers?: readonly string[];
}

interface Parent {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; uid?: string };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export class ChildWriter {
  constructor(private readonly writer: ObjectWriter) {}

  /** Makes the child `desired` (without owner references) exist as wanted. */
  async ensure<T extends KubeObject>(resource: WatchResource, parent: Parent, desired: T, current: T | undefined, options: EnsureOptions<T> = {}): Promise<EnsureResult> {
    const owned = withOwner(desired, parent);
    if (current === undefined) {
      try {
        await this.writer.create(resource, { ...owned, ...options.createOnly, metadata: { ...owned.metadata, ...(options.finalizers && { finalizers: [...options.finalizers] }) } });
        return 'created';
      } catch (err) {
        // The cache was behind: the child exists. Fall through to an apply of the wanted fields.
        if (!(err instanceof KubeApiError && err.reason === 'AlreadyExists')) throw err;
      }
    } else if (containsDesired(current, owned)) {
      return 'unchanged';
    }
    await this.writer.apply(resource, owned, { force: true });
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

function withOwner<T extends KubeObject>(desired: T, parent: Parent): T {
  const metadata: Mutable<NonNullable<KubeObject['metadata']>> = { ...desired.metadata, ownerReferences: [controllerReference(parent)] };
  return { ...desired, metadata };
}
