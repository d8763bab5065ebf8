/**
 * The typed client: every call takes a generated descriptor (`PodCliqueSetGVK`) and returns the
 * generated type, decoded (see codec.ts). A thin layer over client-node's CustomObjectsApi, which
 * returns `any`; nothing untyped leaves this file.
 */
import { type KubeConfig, PatchStrategy, type V1Scale } from '@kubernetes/client-node';
import { decode, decodeModel, encode } from './codec.js';
import { ApiError } from './errors.js';
import { describeOperation, type RawKey, RawRequests } from './requests.js';
import type {
  ApplyConfiguration,
  ApplyOptions,
  CreateOptions,
  DeepPartial,
  DeleteOptions,
  GroveDescriptor,
  ListOf,
  ListOptions,
  NewObject,
  ObjectKey,
  ObjectOf,
  Scalable,
  StatusOf,
  StatusPatchOptions,
  WithStatus,
} from './types.js';
import { watchObjects, type WatchHandle, type WatchListener, type WatchOptions } from './watch.js';

const apiVersionOf = (d: GroveDescriptor): string => `${d.group}/${d.version}`;

/** The key of an object we are about to write, from its metadata. */
function keyOf(d: GroveDescriptor, metadata: { name?: string | undefined; namespace?: string | undefined }, verb: string): RawKey {
  if (!metadata.name) throw new ApiError(0, 'Invalid', 'metadata.name is required', describeOperation(verb, d));
  return { name: metadata.name, ...(metadata.namespace ? { namespace: metadata.namespace } : {}) };
}

export class GroveClient {
  private readonly raw: RawRequests;

  constructor(private readonly kc: KubeConfig) {
    this.raw = new RawRequests(kc);
  }

  async get<G extends GroveDescriptor>(gvk: G, key: ObjectKey<G>): Promise<ObjectOf<G>> {
    return decode<ObjectOf<G>>(await this.raw.get(gvk, key), gvk);
  }

  async list<G extends GroveDescriptor>(gvk: G, options: ListOptions = {}): Promise<ListOf<G>> {
    return decode<ListOf<G>>(await this.raw.list(gvk, options), { models: { items: [gvk.models] } });
  }

  async create<G extends GroveDescriptor>(gvk: G, object: NewObject<G>, options: CreateOptions = {}): Promise<ObjectOf<G>> {
    const body = { ...object, apiVersion: apiVersionOf(gvk), kind: gvk.kind };
    const key = keyOf(gvk, object.metadata, 'create');
    return decode<ObjectOf<G>>(await this.raw.create(gvk, key, encode(body, gvk), options.fieldManager), gvk);
  }

  /** Server-side apply: `object` holds exactly the fields `fieldManager` owns. */
  async apply<G extends GroveDescriptor>(gvk: G, object: ApplyConfiguration<G>, options: ApplyOptions): Promise<ObjectOf<G>> {
    const body = { ...object, apiVersion: apiVersionOf(gvk), kind: gvk.kind };
    const key = keyOf(gvk, object.metadata, 'apply');
    const patch = { contentType: PatchStrategy.ServerSideApply, body: encode(body, gvk), fieldManager: options.fieldManager, force: options.force };
    return decode<ObjectOf<G>>(await this.raw.patch(gvk, key, patch), gvk);
  }

  /** Writes `status` through the status subresource, by JSON merge patch or server-side apply. */
  async patchStatus<G extends WithStatus>(
    gvk: G,
    key: ObjectKey<G>,
    status: DeepPartial<StatusOf<G>>,
    options: StatusPatchOptions,
  ): Promise<ObjectOf<G>> {
    const metadata = { name: key.name, ...(key.namespace ? { namespace: key.namespace } : {}) };
    const patch =
      options.strategy === 'merge'
        ? { contentType: PatchStrategy.MergePatch, body: encode({ status }, gvk) }
        : {
            contentType: PatchStrategy.ServerSideApply,
            body: encode({ apiVersion: apiVersionOf(gvk), kind: gvk.kind, metadata, status }, gvk),
            fieldManager: options.fieldManager,
            force: options.force,
          };
    return decode<ObjectOf<G>>(await this.raw.patch(gvk, key, patch, 'status'), gvk);
  }

  async getScale<G extends Scalable>(gvk: G, key: ObjectKey<G>): Promise<V1Scale> {
    return decodeModel<V1Scale>(await this.raw.get(gvk, key, 'scale'), 'V1Scale');
  }

  /** Sets `spec.replicas` through the scale subresource (what `kubectl scale` and the HPA do). */
  async setScale<G extends Scalable>(gvk: G, key: ObjectKey<G>, replicas: number): Promise<V1Scale> {
    const patch = { contentType: PatchStrategy.MergePatch, body: { spec: { replicas } } };
    return decodeModel<V1Scale>(await this.raw.patch(gvk, key, patch, 'scale'), 'V1Scale');
  }

  async delete<G extends GroveDescriptor>(gvk: G, key: ObjectKey<G>, options: DeleteOptions = {}): Promise<void> {
    await this.raw.delete(gvk, key, options.propagationPolicy, options.gracePeriodSeconds);
  }

  /** Watches objects of one kind; see watch.ts for the events and how a watch ends. */
  watch<G extends GroveDescriptor>(gvk: G, options: WatchOptions, onEvent: WatchListener<ObjectOf<G>>): Promise<WatchHandle> {
    return watchObjects(this.kc, gvk, options, onEvent);
  }
}

/** A typed client for the cluster `kc` points at. */
export function createGroveClient(kc: KubeConfig): GroveClient {
  return new GroveClient(kc);
}
