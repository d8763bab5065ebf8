export { listWatch$, type ListWatchObserver, type ListWatchOptions } from './list-watch.js';
export { httpTransport, type HttpTransportOptions } from './http-transport.js';
export { collectionPath, selectionId, type Selection, type WatchResource } from './resource.js';
export { isGone, WatchError, type WatchErrorCode } from './errors.js';
export { backoffDelay, DEFAULT_WATCH_BACKOFF, retryWithBackoff, type BackoffPolicy } from './retry-with-backoff.js';
export { toWatchEvents, type Cursor } from './to-watch-events.js';
export { ScriptedTransport } from './fake-transport.js';
export type { ListRequest, ListWatchTransport, WatchRequest } from './transport.js';
export type { KubeObject, ListPage, ObjectMeta, RawWatchEvent, WatchEvent } from './types.js';
