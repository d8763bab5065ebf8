/**
 * `toWatchEvents(cursor)`: turns raw watch lines into {@link WatchEvent}s while keeping the
 * cursor at the last resourceVersion seen, so a new watch resumes exactly there.
 *
 * - `BOOKMARK` moves the cursor and is not passed on: it exists only to keep the cursor fresh on
 *   a quiet kind, so a reconnect after compaction does not need a relist;
 * - `ERROR` becomes a `WatchError` (`ERR_WATCH_GONE` for 410, which the caller answers with a relist);
 * - `ADDED`/`MODIFIED`/`DELETED` move the cursor and are passed on.
 */
import { Observable, type OperatorFunction } from 'rxjs';
import { errorFromStatus } from './errors.js';
import type { KubeObject, RawWatchEvent, WatchEvent } from './types.js';

/** Where the next watch starts; `undefined` means a (re)list is needed first. */
export interface Cursor {
  resourceVersion: string | undefined;
}

function resourceVersionOf(object: unknown): string | undefined {
  return (object as KubeObject | null)?.metadata?.resourceVersion;
}

export function toWatchEvents<T extends KubeObject>(cursor: Cursor): OperatorFunction<RawWatchEvent, WatchEvent<T>> {
  return (source) =>
    new Observable<WatchEvent<T>>((subscriber) =>
      source.subscribe({
        next(event) {
          if (event.type === 'ERROR') {
            subscriber.error(errorFromStatus(event.object));
            return;
          }
          cursor.resourceVersion = resourceVersionOf(event.object) ?? cursor.resourceVersion;
          if (event.type === 'BOOKMARK') return;
          subscriber.next({ type: event.type, object: event.object as T });
        },
        error: (err: unknown) => subscriber.error(err),
        complete: () => subscriber.complete(),
      }),
    );
}
