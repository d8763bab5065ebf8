/**
 * Type-level plumbing of the typed client: from a generated descriptor (`PodCliqueSetGVK`) to the
 * object, list, key and status types, through the generated `GroveResourceTypes` registry.
 */
import type { V1ObjectMeta } from '@kubernetes/client-node';
import type { GroveResourceTypes } from '../generated/index.js';

/** The descriptor of a generated kind (`PodCliqueSetGVK`, …). */
export type GroveDescriptor = GroveResourceTypes[keyof GroveResourceTypes]['descriptor'];

type Entry<G extends GroveDescriptor> = Extract<GroveResourceTypes[keyof GroveResourceTypes], { descriptor: G }>;

/** The object type of a descriptor: `ObjectOf<typeof PodCliqueSetGVK>` is `PodCliqueSet`. */
export type ObjectOf<G extends GroveDescriptor> = Entry<G>['object'];

/** The list type of a descriptor. */
export type ListOf<G extends GroveDescriptor> = Entry<G>['list'];

/** The status type of a descriptor (`never` for a kind without one). */
export type StatusOf<G extends GroveDescriptor> = ObjectOf<G> extends { status?: infer S } ? S : never;

/** Kinds with a `status` / `scale` subresource. */
export type WithStatus = Extract<GroveDescriptor, { subresources: { status: true } }>;
export type Scalable = Extract<GroveDescriptor, { subresources: { scale: true } }>;

/** How to name one object: namespaced kinds need the namespace, cluster-scoped kinds refuse it. */
export type ObjectKey<G extends GroveDescriptor> = G['namespaced'] extends true
  ? { readonly namespace: string; readonly name: string }
  : { readonly name: string; readonly namespace?: never };

/** Everything optional, all the way down (Dates and arrays of them stay whole). */
export type DeepPartial<T> = T extends Date
  ? T
  : T extends readonly (infer U)[]
    ? DeepPartial<U>[]
    : T extends object
      ? { [K in keyof T]?: DeepPartial<T[K]> }
      : T;

type Header<G extends GroveDescriptor> = {
  /** Filled from the descriptor when absent. */
  apiVersion?: ObjectOf<G>['apiVersion'];
  /** Filled from the descriptor when absent. */
  kind?: ObjectOf<G>['kind'];
};

/** What `create` takes: a full object whose apiVersion and kind may be left to the descriptor. */
export type NewObject<G extends GroveDescriptor> = Header<G> & Omit<ObjectOf<G>, 'apiVersion' | 'kind'>;

/**
 * What `apply` takes: only the fields this field manager owns (server-side apply gives it
 * ownership of exactly what it sends), plus the object's name (and namespace).
 */
export type ApplyConfiguration<G extends GroveDescriptor> = Header<G> & {
  metadata: { name: string; namespace?: string } & DeepPartial<V1ObjectMeta>;
} & DeepPartial<Omit<ObjectOf<G>, 'apiVersion' | 'kind' | 'metadata'>>;

export interface ListOptions {
  /** Namespaced kinds only; omitted means all namespaces. */
  readonly namespace?: string;
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
  readonly limit?: number;
  readonly continue?: string;
  readonly resourceVersion?: string;
}

export interface CreateOptions {
  readonly fieldManager?: string;
}

export interface ApplyOptions {
  /** One per deployable, e.g. `grove-podcliqueset-controller`. */
  readonly fieldManager: string;
  /** Take ownership of fields another manager owns instead of failing with a conflict. */
  readonly force?: boolean;
}

/** A status write: a JSON merge patch of the given fields, or a server-side apply of them. */
export type StatusPatchOptions =
  | { readonly strategy: 'merge' }
  | { readonly strategy: 'apply'; readonly fieldManager: string; readonly force?: boolean };

export interface DeleteOptions {
  readonly propagationPolicy?: 'Foreground' | 'Background' | 'Orphan';
  readonly gracePeriodSeconds?: number;
}
