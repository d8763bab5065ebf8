/** The objects and events that flow through watch streams. */

/** The metadata the SDK itself reads; the rest of an object is the caller's type. */
export interface ObjectMeta {
  name?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: readonly { uid: string; kind: string; name: string; controller?: boolean }[];
  finalizers?: readonly string[];
  deletionTimestamp?: unknown;
  managedFields?: unknown;
}

export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
}

/** One page of a list response. */
export interface ListPage {
  readonly items: readonly unknown[];
  readonly resourceVersion: string;
  /** The continue token of the next page; absent on the last one. */
  readonly continue?: string;
}

/** One line of a watch response, as the API server sends it. */
export interface RawWatchEvent {
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  readonly object: unknown;
}

/**
 * What a list-then-watch stream emits. `LIST` carries the complete current state (after the first
 * list, and again after every relist): a consumer replaces what it holds with it, which is how it
 * learns about deletions it missed while disconnected. Bookmarks are consumed by the stream itself.
 */
export type WatchEvent<T> =
  | { readonly type: 'LIST'; readonly items: readonly T[]; readonly resourceVersion: string }
  | { readonly type: 'ADDED' | 'MODIFIED' | 'DELETED'; readonly object: T };
