/**
 * {@link ListWatchTransport} over `node:https`, authenticated by a client-node `KubeConfig`
 * (`applyToHTTPSOptions`: certificates, tokens, exec plugins). Not client-node's `Watch`: that
 * one drops undecodable lines silently and has no deadline on a stream that stops sending, and
 * client-node has no generic list for a kind given by its plural.
 */
import type { IncomingMessage } from 'node:http';
import type { KubeConfig } from '@kubernetes/client-node';
import { Observable } from 'rxjs';
import { KubeApiError, openRequest, readBody, type Query } from '../http/kube-request.js';
import { WatchError } from './errors.js';
import { LineSplitter } from './line-splitter.js';
import type { ListRequest, ListWatchTransport, WatchRequest } from './transport.js';
import type { ListPage, RawWatchEvent } from './types.js';

export interface HttpTransportOptions {
  /** Deadline for a list page. Default 60 s. */
  listTimeoutMs?: number;
  /** Extra time past the server's `timeoutSeconds` before a silent watch is abandoned. Default 30 s. */
  watchGraceMs?: number;
}

/** The watch error for a failed request: 410 means the resourceVersion is gone. */
function toWatchError(err: unknown, signal: AbortSignal): WatchError {
  if (signal.aborted && signal.reason instanceof WatchError) return signal.reason;
  if (err instanceof WatchError) return err;
  if (err instanceof KubeApiError && err.status !== undefined) {
    const code = err.status === 410 ? 'ERR_WATCH_GONE' : 'ERR_WATCH_HTTP';
    return new WatchError(code, err.message, { status: err.status, cause: err });
  }
  return new WatchError('ERR_WATCH_CONNECTION', 'request failed', { cause: err });
}

function get(kubeConfig: KubeConfig, path: string, query: Query, signal: AbortSignal): Promise<IncomingMessage> {
  return openRequest(kubeConfig, { method: 'GET', path, query, signal });
}

function parseList(text: string): ListPage {
  const body = JSON.parse(text) as { items?: unknown[]; metadata?: { resourceVersion?: string; continue?: string } };
  const next = body.metadata?.continue;
  return { items: body.items ?? [], resourceVersion: body.metadata?.resourceVersion ?? '', ...(next ? { continue: next } : {}) };
}

/** An abort signal that fires on unsubscribe or, as a `ERR_WATCH_TIMEOUT`, after `ms`. */
function deadline(ms: number): { controller: AbortController; signal: AbortSignal; clear: () => void } {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new WatchError('ERR_WATCH_TIMEOUT', `no end within ${ms} ms`)), ms);
  return { controller, signal: controller.signal, clear: () => clearTimeout(timer) };
}

function listPage(kubeConfig: KubeConfig, request: ListRequest, timeoutMs: number): Observable<ListPage> {
  return new Observable<ListPage>((subscriber) => {
    const { controller, signal, clear } = deadline(timeoutMs);
    const query = { labelSelector: request.labelSelector, fieldSelector: request.fieldSelector, limit: request.limit, continue: request.continue };
    get(kubeConfig, request.path, query, signal)
      .then(readBody)
      .then((text) => {
        let page: ListPage;
        try {
          page = parseList(text);
        } catch (cause) {
          throw new WatchError('ERR_WATCH_DECODE', 'list response is not JSON', { cause });
        }
        subscriber.next(page);
        subscriber.complete();
      })
      .catch((err: unknown) => subscriber.error(toWatchError(err, signal)))
      .finally(clear);
    return () => controller.abort();
  });
}

function watchStream(kubeConfig: KubeConfig, request: WatchRequest, graceMs: number): Observable<RawWatchEvent> {
  return new Observable<RawWatchEvent>((subscriber) => {
    const { controller, signal, clear } = deadline(request.timeoutSeconds * 1000 + graceMs);
    const query: Query = {
      watch: true,
      allowWatchBookmarks: true,
      resourceVersion: request.resourceVersion,
      timeoutSeconds: request.timeoutSeconds,
      labelSelector: request.labelSelector,
      fieldSelector: request.fieldSelector,
    };
    const fail = (err: unknown) => subscriber.error(toWatchError(err, signal));
    get(kubeConfig, request.path, query, signal)
      .then((response) => {
        response.socket.setKeepAlive(true, 30_000);
        return readLines(response, (line) => subscriber.next(decodeEvent(line)));
      })
      .then(() => subscriber.complete())
      .catch(fail)
      .finally(clear);
    return () => controller.abort();
  });
}

/**
 * Calls `onLine` with each line of `response` as its chunks arrive; resolves when the response
 * ended whole, rejects when it errors, is cut off, or `onLine` throws. Plain `data` handlers and
 * not readline's async iterator: that one costs a promise and a microtask per line, on the path
 * every watch event of every informer takes.
 */
function readLines(response: IncomingMessage, onLine: (line: string) => void): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const lines = new LineSplitter(onLine);
    let settled = false;
    const fail = (err: unknown): void => {
      if (settled) return;
      settled = true;
      response.destroy();
      reject(err);
    };
    response.on('data', (chunk: Buffer) => {
      if (settled) return;
      try {
        lines.push(chunk);
      } catch (err) {
        fail(err);
      }
    });
    response.on('end', () => {
      if (settled) return;
      try {
        lines.end();
      } catch (err) {
        fail(err);
        return;
      }
      settled = true;
      // A stream cut by a dying server can end too; `complete` is only right if it ended whole.
      if (response.complete) resolve();
      else reject(new WatchError('ERR_WATCH_CONNECTION', 'watch stream cut off'));
    });
    response.on('error', fail);
    // A connection that breaks may close without `end` or `error`.
    response.on('close', () => fail(new WatchError('ERR_WATCH_CONNECTION', 'watch stream cut off')));
  });
}

function decodeEvent(line: string): RawWatchEvent {
  try {
    const event = JSON.parse(line) as RawWatchEvent;
    if (typeof event.type === 'string') return event;
  } catch (cause) {
    throw new WatchError('ERR_WATCH_DECODE', 'watch line is not JSON', { cause });
  }
  throw new WatchError('ERR_WATCH_DECODE', 'watch line has no type');
}

export function httpTransport(kubeConfig: KubeConfig, options: HttpTransportOptions = {}): ListWatchTransport {
  const listTimeoutMs = options.listTimeoutMs ?? 60_000;
  const graceMs = options.watchGraceMs ?? 30_000;
  return {
    list: (request) => listPage(kubeConfig, request, listTimeoutMs),
    watch: (request) => watchStream(kubeConfig, request, graceMs),
  };
}
