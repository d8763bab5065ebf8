/**
 * The raw calls, one per verb, choosing client-node's namespaced or cluster-scoped
 * CustomObjectsApi method from the descriptor. Results stay `unknown` here: client.ts decodes
 * them into the generated types. Every failure becomes an ApiError naming the operation.
 */
import { CustomObjectsApi, type KubeConfig, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import type { ResourceDescriptor } from '../generated/index.js';
import { toApiError } from './errors.js';

export interface RawKey {
  readonly namespace?: string | undefined;
  readonly name: string;
}

export type Subresource = 'status' | 'scale';

export interface RawListQuery {
  readonly namespace?: string | undefined;
  readonly labelSelector?: string | undefined;
  readonly fieldSelector?: string | undefined;
  readonly limit?: number | undefined;
  readonly continue?: string | undefined;
  readonly resourceVersion?: string | undefined;
}

export interface RawPatch {
  readonly contentType: PatchStrategy;
  readonly body: unknown;
  readonly fieldManager?: string | undefined;
  readonly force?: boolean | undefined;
}

/** `get grove.io/v1alpha1 PodCliqueSet ns/name`: the context every error message starts with. */
export function describeOperation(verb: string, d: ResourceDescriptor, key?: RawKey, sub?: Subresource): string {
  const target = key ? ` ${key.namespace ? `${key.namespace}/` : ''}${key.name}` : '';
  return `${verb} ${d.group}/${d.version} ${d.kind}${sub ? `/${sub}` : ''}${target}`;
}

/** The namespace of a namespaced kind, or an error naming the kind (and none for cluster-scoped ones). */
function scope(d: ResourceDescriptor, namespace: string | undefined, operation: string): string | undefined {
  if (d.namespaced && !namespace) throw toApiError(new Error(`${d.kind} is namespaced: a namespace is required`), operation);
  if (!d.namespaced && namespace) throw toApiError(new Error(`${d.kind} is cluster-scoped: it takes no namespace`), operation);
  return namespace;
}

export class RawRequests {
  private readonly api: CustomObjectsApi;

  constructor(kc: KubeConfig) {
    this.api = kc.makeApiClient(CustomObjectsApi);
  }

  private async call<T>(operation: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw toApiError(err, operation);
    }
  }

  async get(d: ResourceDescriptor, key: RawKey, sub?: 'scale'): Promise<unknown> {
    const op = describeOperation('get', d, key, sub);
    const ns = scope(d, key.namespace, op);
    const base = { group: d.group, version: d.version, plural: d.plural, name: key.name };
    return this.call(op, (): Promise<unknown> => {
      if (sub === 'scale') {
        return ns ? this.api.getNamespacedCustomObjectScale({ ...base, namespace: ns }) : this.api.getClusterCustomObjectScale(base);
      }
      return ns ? this.api.getNamespacedCustomObject({ ...base, namespace: ns }) : this.api.getClusterCustomObject(base);
    });
  }

  async list(d: ResourceDescriptor, q: RawListQuery): Promise<unknown> {
    const op = `${describeOperation('list', d)}${q.namespace ? ` in ${q.namespace}` : ''}`;
    if (!d.namespaced && q.namespace) scope(d, q.namespace, op);
    const params = {
      group: d.group,
      version: d.version,
      plural: d.plural,
      ...(q.labelSelector === undefined ? {} : { labelSelector: q.labelSelector }),
      ...(q.fieldSelector === undefined ? {} : { fieldSelector: q.fieldSelector }),
      ...(q.limit === undefined ? {} : { limit: q.limit }),
      ...(q.continue === undefined ? {} : { _continue: q.continue }),
      ...(q.resourceVersion === undefined ? {} : { resourceVersion: q.resourceVersion }),
    };
    // Without a namespace, /apis/<group>/<version>/<plural> lists cluster-scoped kinds and all namespaces alike.
    return this.call(op, (): Promise<unknown> =>
      q.namespace ? this.api.listNamespacedCustomObject({ ...params, namespace: q.namespace }) : this.api.listClusterCustomObject(params),
    );
  }

  async create(d: ResourceDescriptor, key: RawKey, body: unknown, fieldManager?: string): Promise<unknown> {
    const op = describeOperation('create', d, key);
    const ns = scope(d, key.namespace, op);
    const base = { group: d.group, version: d.version, plural: d.plural, body, ...(fieldManager ? { fieldManager } : {}) };
    return this.call(op, (): Promise<unknown> =>
      ns ? this.api.createNamespacedCustomObject({ ...base, namespace: ns }) : this.api.createClusterCustomObject(base),
    );
  }

  async patch(d: ResourceDescriptor, key: RawKey, patch: RawPatch, sub?: Subresource): Promise<unknown> {
    const verb = patch.contentType === PatchStrategy.ServerSideApply ? 'apply' : 'patch';
    const op = describeOperation(verb, d, key, sub);
    const ns = scope(d, key.namespace, op);
    const base = {
      group: d.group,
      version: d.version,
      plural: d.plural,
      name: key.name,
      body: patch.body,
      ...(patch.fieldManager === undefined ? {} : { fieldManager: patch.fieldManager }),
      ...(patch.force === undefined ? {} : { force: patch.force }),
    };
    // client-node picks the first patch content type it knows; the header says which one we mean.
    const options = setHeaderOptions('Content-Type', patch.contentType);
    return this.call(op, (): Promise<unknown> => {
      if (sub === 'status') {
        return ns
          ? this.api.patchNamespacedCustomObjectStatus({ ...base, namespace: ns }, options)
          : this.api.patchClusterCustomObjectStatus(base, options);
      }
      if (sub === 'scale') {
        return ns
          ? this.api.patchNamespacedCustomObjectScale({ ...base, namespace: ns }, options)
          : this.api.patchClusterCustomObjectScale(base, options);
      }
      return ns ? this.api.patchNamespacedCustomObject({ ...base, namespace: ns }, options) : this.api.patchClusterCustomObject(base, options);
    });
  }

  async delete(d: ResourceDescriptor, key: RawKey, propagationPolicy?: string, gracePeriodSeconds?: number): Promise<void> {
    const op = describeOperation('delete', d, key);
    const ns = scope(d, key.namespace, op);
    const base = {
      group: d.group,
      version: d.version,
      plural: d.plural,
      name: key.name,
      ...(propagationPolicy === undefined ? {} : { propagationPolicy }),
      ...(gracePeriodSeconds === undefined ? {} : { gracePeriodSeconds }),
    };
    await this.call(op, (): Promise<unknown> =>
      ns ? this.api.deleteNamespacedCustomObject({ ...base, namespace: ns }) : this.api.deleteClusterCustomObject(base),
    );
  }
}
