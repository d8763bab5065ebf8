/**
 * Writes with one field manager per deployable (lesson 6): server-side apply of the fields a
 * controller owns, and status updates that re-read and retry on conflict.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import { KubeApiError, requestJson } from '../http/kube-request.js';
import type { ObjectKey } from '../keys.js';
import { collectionPath, type WatchResource } from '../watch/resource.js';
import type { KubeObject } from '../watch/types.js';
import { retryOnConflict, type ConflictRetryOptions } from './retry-on-conflict.js';

/** What an apply did, for the log line (controller-runtime's `OperationResult`). */
export type ApplyResult = 'created' | 'configured' | 'unchanged';

export interface ApplyOptions {
  /** Take over fields another manager owns instead of failing with a conflict. Default false. */
  force?: boolean;
  /** The object as the cache has it, if it has it: tells `created` from `configured`/`unchanged`. */
  current?: KubeObject;
}

/** Preconditions of a delete: a controller deletes only the exact object it decided about. */
export interface DeleteOptions {
  /** The object's UID: a newer object under the same name is left alone (409). */
  uid?: string;
  /** Default `Background`: dependents go by garbage collection. */
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
}

/** A JSON Patch (RFC 6902) operation. */
export type JsonPatchOperation =
  | { op: 'add' | 'replace' | 'test'; path: string; value: unknown }
  | { op: 'remove'; path: string };

export interface ObjectWriterOptions {
  /** One per deployable, e.g. `grove-podcliqueset-controller`. */
  fieldManager: string;
  conflictRetry?: ConflictRetryOptions;
}

function objectPath(resource: WatchResource, key: ObjectKey, subresource = ''): string {
  const namespace = resource.namespaced ? key.namespace : undefined;
  return `${collectionPath(resource, namespace)}/${encodeURIComponent(key.name)}${subresource}`;
}

export class ObjectWriter {
  constructor(
    private readonly kubeConfig: KubeConfig,
    private readonly options: ObjectWriterOptions,
  ) {}

  /**
   * Server-side applies `object` (which must carry apiVersion, kind, metadata.name and, for a
   * namespaced kind, metadata.namespace): this field manager then owns exactly the fields sent.
   */
  async apply<T extends KubeObject>(resource: WatchResource, object: T, options: ApplyOptions = {}): Promise<{ object: T; result: ApplyResult }> {
    const name = object.metadata?.name;
    if (name === undefined) throw new TypeError('apply needs metadata.name');
    const key = { name, ...(object.metadata?.namespace !== undefined && { namespace: object.metadata.namespace }) };
    const applied = await requestJson<T>(this.kubeConfig, {
      method: 'PATCH',
      path: objectPath(resource, key),
      query: { fieldManager: this.options.fieldManager, force: options.force ?? false },
      // JSON is YAML, which is what the apply content type asks for.
      contentType: 'application/apply-patch+yaml',
      body: object,
    });
    const before = options.current?.metadata?.resourceVersion;
    const result: ApplyResult =
      options.current === undefined ? 'created' : applied.metadata?.resourceVersion === before ? 'unchanged' : 'configured';
    return { object: applied, result };
  }

  /** Creates `object` (POST): the fields it sets are owned by this field manager's `Update` entry. */
  async create<T extends KubeObject>(resource: WatchResource, object: T): Promise<T> {
    const namespace = resource.namespaced ? object.metadata?.namespace : undefined;
    return requestJson<T>(this.kubeConfig, {
      method: 'POST',
      path: collectionPath(resource, namespace),
      query: { fieldManager: this.options.fieldManager },
      body: object,
    });
  }

  /**
   * POSTs `body` to a subresource of one object, e.g. a pod's `binding` or `eviction`; resolves with
   * what the server answered (for `binding`, a Status).
   */
  async createSubresource<R = unknown>(resource: WatchResource, key: ObjectKey, subresource: string, body: unknown): Promise<R> {
    return requestJson<R>(this.kubeConfig, {
      method: 'POST',
      path: objectPath(resource, key, `/${subresource}`),
      query: { fieldManager: this.options.fieldManager },
      body,
    });
  }

  /**
   * Replaces `object` (PUT) at its `metadata.resourceVersion`: a conflict (409) means the object
   * changed since it was read, and the caller retries from a fresher read.
   */
  async replace<T extends KubeObject>(resource: WatchResource, object: T): Promise<T> {
    const name = object.metadata?.name;
    if (name === undefined) throw new TypeError('replace needs metadata.name');
    const key = { name, ...(object.metadata?.namespace !== undefined && { namespace: object.metadata.namespace }) };
    return requestJson<T>(this.kubeConfig, { method: 'PUT', path: objectPath(resource, key), query: { fieldManager: this.options.fieldManager }, body: object });
  }

  /** Deletes one object; resolves `false` when it was already gone. */
  async delete(resource: WatchResource, key: ObjectKey, options: DeleteOptions = {}): Promise<boolean> {
    const body = {
      kind: 'DeleteOptions',
      apiVersion: 'v1',
      propagationPolicy: options.propagationPolicy ?? 'Background',
      ...(options.uid !== undefined && { preconditions: { uid: options.uid } }),
    };
    try {
      await requestJson(this.kubeConfig, { method: 'DELETE', path: objectPath(resource, key), body });
      return true;
    } catch (err) {
      if (err instanceof KubeApiError && err.status === 404) return false;
      throw err;
    }
  }

  /** Applies a JSON Patch; with `test` operations it is a compare-and-swap (422 when a test fails). */
  async jsonPatch<T extends KubeObject>(resource: WatchResource, key: ObjectKey, operations: readonly JsonPatchOperation[], subresource?: 'status'): Promise<T> {
    return requestJson<T>(this.kubeConfig, {
      method: 'PATCH',
      path: objectPath(resource, key, subresource === undefined ? '' : `/${subresource}`),
      query: { fieldManager: this.options.fieldManager },
      contentType: 'application/json-patch+json',
      body: operations,
    });
  }

  /**
   * Applies a strategic merge patch (built-in kinds only): keyed lists are merged by key, and an
   * item `{<key>: x, $patch: 'delete'}` removes exactly that item — no read-modify-write race.
   */
  async strategicMergePatch<T extends KubeObject>(resource: WatchResource, key: ObjectKey, patch: unknown, subresource?: 'status'): Promise<T> {
    return requestJson<T>(this.kubeConfig, {
      method: 'PATCH',
      path: objectPath(resource, key, subresource === undefined ? '' : `/${subresource}`),
      query: { fieldManager: this.options.fieldManager },
      contentType: 'application/strategic-merge-patch+json',
      body: patch,
    });
  }

  /** Applies a JSON merge patch (RFC 7386): lists are replaced whole. */
  async mergePatch<T extends KubeObject>(resource: WatchResource, key: ObjectKey, patch: unknown, subresource?: 'status'): Promise<T> {
    return requestJson<T>(this.kubeConfig, {
      method: 'PATCH',
      path: objectPath(resource, key, subresource === undefined ? '' : `/${subresource}`),
      query: { fieldManager: this.options.fieldManager },
      contentType: 'application/merge-patch+json',
      body: patch,
    });
  }

  /**
   * Writes the status `mutate` makes of the cached object, at the cached resourceVersion: one
   * request when the cache is current. On a conflict it falls back to {@link updateStatus} (read
   * from the API server, mutate again, write).
   */
  async updateStatusFrom<T extends KubeObject>(resource: WatchResource, cachedObject: T, mutate: (object: T) => boolean | void): Promise<T> {
    const name = cachedObject.metadata?.name;
    if (name === undefined) throw new TypeError('updateStatusFrom needs metadata.name');
    const key = { name, ...(cachedObject.metadata?.namespace !== undefined && { namespace: cachedObject.metadata.namespace }) };
    const copy = structuredClone(cachedObject);
    if (mutate(copy) === false) return cachedObject;
    try {
      return await requestJson<T>(this.kubeConfig, { method: 'PUT', path: objectPath(resource, key, '/status'), query: { fieldManager: this.options.fieldManager }, body: copy });
    } catch (err) {
      if (!(err instanceof KubeApiError && err.status === 409)) throw err;
    }
    return this.updateStatus(resource, key, mutate);
  }

  /**
   * Reads the object from the API server (not the cache), lets `mutate` change its status, and writes
   * it to the status subresource at the read resourceVersion; on a conflict, all of it again.
   * `mutate` returns `false` for "nothing to change", which skips the write.
   */
  async updateStatus<T extends KubeObject>(resource: WatchResource, key: ObjectKey, mutate: (object: T) => boolean | void): Promise<T> {
    return retryOnConflict(async () => {
      const current = await requestJson<T>(this.kubeConfig, { method: 'GET', path: objectPath(resource, key) });
      if (mutate(current) === false) return current;
      return requestJson<T>(this.kubeConfig, {
        method: 'PUT',
        path: objectPath(resource, key, '/status'),
        query: { fieldManager: this.options.fieldManager },
        body: current,
      });
    }, this.options.conflictRetry);
  }
}
