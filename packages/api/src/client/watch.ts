/**
 * A typed wrapper of client-node's Watch: one HTTP watch of one kind, events decoded into the
 * generated type. No retry or relist here: the RxJS watch SDK builds resumption on top of this.
 */
import { type KubeConfig, Watch } from '@kubernetes/client-node';
import type { ResourceDescriptor } from '../generated/index.js';
import { decode } from './codec.js';
import { ApiError, toApiError } from './errors.js';
import { describeOperation } from './requests.js';

export interface WatchOptions {
  /** Namespaced kinds only; omitted means all namespaces. */
  readonly namespace?: string;
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
  /** Start after this version (from a list); omitted means "now", with synthetic ADDED events. */
  readonly resourceVersion?: string;
  readonly allowWatchBookmarks?: boolean;
  readonly timeoutSeconds?: number;
}

export type WatchEvent<T> =
  | { readonly type: 'ADDED' | 'MODIFIED' | 'DELETED'; readonly object: T }
  | { readonly type: 'BOOKMARK'; readonly resourceVersion: string }
  /** The server ended the watch with a Status, e.g. 410 Gone for a too-old resourceVersion. */
  | { readonly type: 'ERROR'; readonly error: ApiError };

export type WatchListener<T> = (event: WatchEvent<T>) => void;

export interface WatchHandle {
  /** Ends the watch; `done` resolves once it has ended, with the error that ended it, if any. */
  stop(): void;
  readonly done: Promise<ApiError | undefined>;
}

interface StatusObject {
  code?: number;
  reason?: string;
  message?: string;
}

function path(d: ResourceDescriptor, namespace: string | undefined): string {
  const ns = namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `/apis/${d.group}/${d.version}${ns}/${d.plural}`;
}

function toEvent<T>(d: ResourceDescriptor, type: string, object: unknown, operation: string): WatchEvent<T> {
  switch (type) {
    case 'ADDED':
    case 'MODIFIED':
    case 'DELETED':
      return { type, object: decode<T>(object, d) };
    case 'BOOKMARK': {
      const rv = (object as { metadata?: { resourceVersion?: string } } | undefined)?.metadata?.resourceVersion ?? '';
      return { type, resourceVersion: rv };
    }
    default: {
      const status = (object ?? {}) as StatusObject;
      const error = new ApiError(status.code ?? 0, status.reason ?? 'Unknown', status.message ?? `watch event ${type}`, operation);
      return { type: 'ERROR', error };
    }
  }
}

/** Starts a watch; resolves once the request is open (or has failed: see `done`). */
export async function watchObjects<T>(
  kc: KubeConfig,
  d: ResourceDescriptor,
  options: WatchOptions,
  listener: WatchListener<T>,
): Promise<WatchHandle> {
  const operation = `${describeOperation('watch', d)}${options.namespace ? ` in ${options.namespace}` : ''}`;
  if (!d.namespaced && options.namespace) throw toApiError(new Error(`${d.kind} is cluster-scoped: it takes no namespace`), operation);
  let finish: (err: ApiError | undefined) => void = () => undefined;
  const done = new Promise<ApiError | undefined>((resolve) => (finish = resolve));
  let listenerError: ApiError | undefined;
  let stopped = false;
  const { namespace: _namespace, ...query } = options;
  const controller = await new Watch(kc).watch(
    path(d, options.namespace),
    query,
    (type: string, object: unknown) => {
      if (listenerError) return;
      try {
        listener(toEvent<T>(d, type, object, operation));
      } catch (err) {
        // client-node swallows exceptions from this callback; end the watch and report it instead.
        listenerError = toApiError(err, `${operation}: listener`);
        controller.abort();
      }
    },
    // Our own stop() surfaces as an AbortError: that is a clean end, not a failure.
    (err: unknown) => finish(listenerError ?? (err && !stopped ? toApiError(err, operation) : undefined)),
  );
  return {
    stop: () => {
      stopped = true;
      controller.abort();
    },
    done,
  };
}
