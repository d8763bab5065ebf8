/**
 * A scripted {@link ListWatchTransport} for tests: each `list`/`watch` call takes the next
 * Observable from its script (a marble `cold(...)` or anything else) and records the request.
 */
import { NEVER, type Observable } from 'rxjs';
import type { ListRequest, ListWatchTransport, WatchRequest } from './transport.js';
import type { ListPage, RawWatchEvent } from './types.js';

export class ScriptedTransport implements ListWatchTransport {
  readonly lists: ListRequest[] = [];
  readonly watches: WatchRequest[] = [];

  constructor(
    /** What the next `list` calls return, in order; then a list that never answers. */
    readonly listScript: Observable<ListPage>[] = [],
    /** What the next `watch` calls return, in order; then a watch that never ends. */
    readonly watchScript: Observable<RawWatchEvent>[] = [],
  ) {}

  list(request: ListRequest): Observable<ListPage> {
    this.lists.push(request);
    return this.listScript.shift() ?? NEVER;
  }

  watch(request: WatchRequest): Observable<RawWatchEvent> {
    this.watches.push(request);
    return this.watchScript.shift() ?? NEVER;
  }
}
