/**
 * Writes with one field manager per deployable (lesson 6): server-side apply of the fields a
 * controller owns, and status updates that re-read and retry on conflict.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import { requestJson } from '../http/kube-request.js';
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
