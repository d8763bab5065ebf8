/**
 * `listWatch$`: the state of one kind as a never-ending stream, like client-go's Reflector.
 *
 * It lists (page by page), emits the whole list as one `LIST` event, then watches from the list's
 * resourceVersion. A watch the server ends is reopened from the last resourceVersion seen (events
 * and bookmarks move it); 410 Gone relists at once; any other failure is retried with capped,
 * jittered exponential backoff, forever. Nothing here stops the stream except unsubscribing.
 */
import { catchError, defer, EMPTY, expand, map, Observable, repeat, tap, toArray } from 'rxjs';
import { isGone, type WatchError } from './errors.js';
import { collectionPath, type Selection, type WatchResource } from './resource.js';
import { DEFAULT_WATCH_BACKOFF, retryWithBackoff, type BackoffPolicy } from './retry-with-backoff.js';
import { toWatchEvents, type Cursor } from './to-watch-events.js';
import type { ListRequest, ListWatchTransport } from './transport.js';
import type { KubeObject, ListPage, WatchEvent } from './types.js';

/** Hooks for logs and metrics; the stream handles every case itself. */
export interface ListWatchObserver {
  listed?(items: number, resourceVersion: string): void;
  /** A 410 Gone: the cursor was compacted away, a relist follows at once. */
  relisting?(err: WatchError): void;
  retrying?(err: unknown, attempt: number, delayMs: number): void;
}

export interface ListWatchOptions extends Selection {
  /** Items per list page. Default 500. */
  pageSize?: number;
  /** The `timeoutSeconds` of each watch request; by default 5–10 min at random, as client-go. */
  watchTimeoutSeconds?: () => number;
  backoff?: Partial<BackoffPolicy>;
  observer?: ListWatchObserver;
}

function selectors(options: ListWatchOptions): Pick<ListRequest, 'labelSelector' | 'fieldSelector'> {
  return {
    ...(options.labelSelector !== undefined && { labelSelector: options.labelSelector }),
    ...(options.fieldSelector !== undefined && { fieldSelector: options.fieldSelector }),
  };
}

function listAll<T>(transport: ListWatchTransport, request: ListRequest, cursor: Cursor): Observable<WatchEvent<T>> {
  return transport.list(request).pipe(
    expand((page: ListPage) => (page.continue ? transport.list({ ...request, continue: page.continue }) : EMPTY)),
    toArray(),
    map((pages) => {
      // Every page is served from the snapshot of the first, so its resourceVersion is the list's.
      const resourceVersion = pages[0]?.resourceVersion ?? '';
      cursor.resourceVersion = resourceVersion;
      return { type: 'LIST', items: pages.flatMap((p) => p.items) as T[], resourceVersion } as const;
    }),
  );
}

export function listWatch$<T extends KubeObject>(
  transport: ListWatchTransport,
  resource: WatchResource,
  options: ListWatchOptions = {},
): Observable<WatchEvent<T>> {
  const path = collectionPath(resource, options.namespace);
  const query = selectors(options);
  const timeoutSeconds = options.watchTimeoutSeconds ?? (() => 300 + Math.floor(Math.random() * 300));
  const observer = options.observer ?? {};
  const backoff: BackoffPolicy = { ...DEFAULT_WATCH_BACKOFF, ...options.backoff };
  if (observer.retrying) backoff.onRetry = observer.retrying.bind(observer);

  return defer(() => {
    // One cursor per subscription, kept across retries: a reconnect resumes where the last left off.
    const cursor: Cursor = { resourceVersion: undefined };
    const step = defer((): Observable<WatchEvent<T>> => {
      const from = cursor.resourceVersion;
      if (from === undefined) {
        const listed = (event: WatchEvent<T>) => event.type === 'LIST' && observer.listed?.(event.items.length, event.resourceVersion);
        return listAll<T>(transport, { path, ...query, limit: options.pageSize ?? 500 }, cursor).pipe(tap(listed));
      }
      const request = { path, ...query, resourceVersion: from, timeoutSeconds: timeoutSeconds() };
      return transport.watch(request).pipe(toWatchEvents<T>(cursor));
    }).pipe(
      catchError((err: unknown) => {
        if (!isGone(err)) throw err;
        cursor.resourceVersion = undefined;
        observer.relisting?.(err as WatchError);
        return EMPTY;
      }),
    );
    return step.pipe(repeat(), retryWithBackoff(backoff));
  });
}
