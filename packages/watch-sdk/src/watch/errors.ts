/** Failures of list and watch requests; the stream retries them all, the codes drive how. */
export type WatchErrorCode =
  /** 410 Gone / Expired: the resourceVersion is compacted away; only a relist helps. */
  | 'ERR_WATCH_GONE'
  /** The API server answered a request with a non-2xx status. */
  | 'ERR_WATCH_HTTP'
  /** The watch stream carried an ERROR event other than 410. */
  | 'ERR_WATCH_STATUS'
  /** The connection failed or broke. */
  | 'ERR_WATCH_CONNECTION'
  /** A response body was not the JSON it should be. */
  | 'ERR_WATCH_DECODE'
  /** No answer, or no end of a watch, within the client-side deadline. */
  | 'ERR_WATCH_TIMEOUT';

export class WatchError extends Error {
  override readonly name = 'WatchError';
  readonly code: WatchErrorCode;
  /** The HTTP status (or the Status object's `code`) when the server gave one. */
  readonly status: number | undefined;

  constructor(code: WatchErrorCode, message: string, options: { status?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = options.status;
  }
}

export function isGone(err: unknown): boolean {
  return err instanceof WatchError && err.code === 'ERR_WATCH_GONE';
}

interface StatusLike {
  code?: unknown;
  reason?: unknown;
  message?: unknown;
}

/** The error for an ERROR watch event, whose object is a `meta/v1` Status. */
export function errorFromStatus(object: unknown): WatchError {
  const status = (typeof object === 'object' && object !== null ? object : {}) as StatusLike;
  const code = typeof status.code === 'number' ? status.code : undefined;
  const message = typeof status.message === 'string' ? status.message : 'watch error event';
  if (code === 410 || status.reason === 'Expired' || status.reason === 'Gone') {
    return new WatchError('ERR_WATCH_GONE', message, { status: 410 });
  }
  return new WatchError('ERR_WATCH_STATUS', message, code === undefined ? {} : { status: code });
}
