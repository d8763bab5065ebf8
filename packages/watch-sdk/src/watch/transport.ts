/**
 * The two requests a list-then-watch needs, as cold Observables: nothing is sent until subscribed,
 * and unsubscribing aborts the request. The HTTP implementation is in `http-transport.ts`; tests
 * pass scripted Observables.
 */
import type { Observable } from 'rxjs';
import type { ListPage, RawWatchEvent } from './types.js';

export interface ListRequest {
  readonly path: string;
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
  readonly limit: number;
  readonly continue?: string;
}

export interface WatchRequest {
  readonly path: string;
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
  readonly resourceVersion: string;
  /** Asks the server to end the watch after this long (it then completes normally). */
  readonly timeoutSeconds: number;
}

export interface ListWatchTransport {
  /** Emits one page, then completes; errors with a `WatchError`. */
  list(request: ListRequest): Observable<ListPage>;
  /** Emits each event line; completes when the server ends the watch; errors with a `WatchError`. */
  watch(request: WatchRequest): Observable<RawWatchEvent>;
}
