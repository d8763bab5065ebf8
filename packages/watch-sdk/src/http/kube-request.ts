/**
 * One request to the API server over `node:http(s)`, authenticated by a client-node `KubeConfig`
 * (`applyToHTTPSOptions`: certificates, tokens, exec plugins). Shared by the watch transport and
 * the writers, so both see the same errors.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest, type RequestOptions } from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';

export type Query = Record<string, string | number | boolean | undefined>;

export interface KubeRequest {
  method: 'GET' | 'PUT' | 'PATCH' | 'POST' | 'DELETE';
  path: string;
  query?: Query;
  /** Sent as JSON. */
  body?: unknown;
  /** Default `application/json`. */
  contentType?: string;
  signal?: AbortSignal;
}

export type KubeApiErrorCode = 'ERR_KUBE_API_STATUS' | 'ERR_KUBE_API_CONNECTION';

/** A failed request: a non-2xx answer (with its status and the Status `reason`), or no answer. */
export class KubeApiError extends Error {
  override readonly name = 'KubeApiError';
  readonly code: KubeApiErrorCode;
  readonly status: number | undefined;
  readonly reason: string | undefined;

  constructor(code: KubeApiErrorCode, message: string, options: { status?: number; reason?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = options.status;
    this.reason = options.reason;
  }
}

export function isConflict(err: unknown): boolean {
  return err instanceof KubeApiError && err.status === 409;
}

export function requestUrl(kubeConfig: KubeConfig, path: string, query: Query = {}): URL {
  const server = kubeConfig.getCurrentCluster()?.server;
  if (server === undefined) throw new KubeApiError('ERR_KUBE_API_CONNECTION', 'kubeconfig has no current cluster');
  const url = new URL(server.replace(/\/$/, '') + path);
  for (const [key, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(key, String(value));
  return url;
}

export async function readBody(response: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of response) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function statusError(status: number, path: string, body: string): KubeApiError {
  let message = body.slice(0, 300);
  let reason: string | undefined;
  try {
    const parsed = JSON.parse(body) as { message?: string; reason?: string };
    message = parsed.message ?? message;
    reason = parsed.reason;
  } catch {
    // not a Status object: keep the raw text
  }
  return new KubeApiError('ERR_KUBE_API_STATUS', `${status} from ${path}: ${message}`, { status, ...(reason && { reason }) });
}

/** Sees every request {@link openRequest} sends, before it is sent; what it throws is ignored. */
export type KubeRequestObserver = (request: Readonly<KubeRequest>) => void;

const observers = new Set<KubeRequestObserver>();

/**
 * Calls `observer` for every request of this process that goes through {@link openRequest} or
 * {@link requestJson} (every list, watch and write of the SDK); returns the function that removes it.
 * Process-wide on purpose: the transport and the writers share no object a metrics registry could be
 * handed to. A `Manager` installs one while it runs (`grove_kube_api_requests_total`).
 */
export function observeKubeRequests(observer: KubeRequestObserver): () => void {
  observers.add(observer);
  return () => {
    observers.delete(observer);
  };
}

/** A request's RBAC-style verb and resource (`resource.group[/subresource]`), as metric labels. */
export interface KubeRequestKind {
  readonly verb: 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete' | 'deletecollection';
  readonly resource: string;
}

function truthy(value: string | number | boolean | undefined): boolean {
  return value === true || value === 'true' || value === 1 || value === '1';
}

/**
 * `GET /apis/grove.io/v1alpha1/namespaces/ns/podcliques` is `list podcliques.grove.io`; with
 * `watch=true` it is `watch`; `PATCH …/pods/p/status` is `patch pods/status`. Paths outside `/api` and
 * `/apis` (`/version`) are resource `-`.
 */
export function kubeRequestKind(request: Pick<KubeRequest, 'method' | 'path' | 'query'>): KubeRequestKind {
  const segments = request.path.split('/').filter((s) => s !== '');
  let group = '';
  let rest: string[] = [];
  if (segments[0] === 'api') rest = segments.slice(2);
  else if (segments[0] === 'apis') {
    group = segments[1] ?? '';
    rest = segments.slice(3);
  }
  // `namespaces/<ns>/<resource>…`; `namespaces` or `namespaces/<ns>` alone are the Namespace resource.
  if (rest[0] === 'namespaces' && rest.length >= 3) rest = rest.slice(2);
  const [plural, , subresource] = rest;
  const resource = plural === undefined ? '-' : `${plural}${group === '' ? '' : `.${group}`}${subresource === undefined ? '' : `/${subresource}`}`;
  const collection = rest.length === 1;
  switch (request.method) {
    case 'GET':
      return { verb: truthy(request.query?.['watch']) ? 'watch' : collection ? 'list' : 'get', resource };
    case 'POST':
      return { verb: 'create', resource };
    case 'PUT':
      return { verb: 'update', resource };
    case 'PATCH':
      return { verb: 'patch', resource };
    case 'DELETE':
      return { verb: collection ? 'deletecollection' : 'delete', resource };
  }
}

/** One keep-alive agent per KubeConfig and protocol: connections (and TLS sessions) are reused. */
const agents = new WeakMap<KubeConfig, { http: HttpAgent; https: HttpsAgent }>();

/**
 * client-node's `applyToHTTPSOptions` makes a new Agent for every request, so every request would
 * open its own connection with a full TLS handshake (measured: the scheduler's bindings were
 * bounded by that). The TLS material stays in the request options; a pooled agent keys its sockets
 * by it, so credentials never mix. A proxy agent (cluster `proxy-url`) is kept as client-node made it.
 */
function pooledAgent(kubeConfig: KubeConfig, protocol: string): HttpAgent | undefined {
  if (kubeConfig.getCurrentCluster()?.proxyUrl) return undefined;
  let pair = agents.get(kubeConfig);
  if (pair === undefined) {
    // No socket timeout: watches are long requests that may be quiet for minutes.
    pair = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };
    agents.set(kubeConfig, pair);
  }
  return protocol === 'http:' ? pair.http : pair.https;
}

/** Sends the request; resolves with the response (a stream) once its status is 2xx. */
export async function openRequest(kubeConfig: KubeConfig, request: KubeRequest): Promise<IncomingMessage> {
  for (const observe of observers) {
    try {
      observe(request);
    } catch {
      // counting must never fail a request
    }
  }
  const url = requestUrl(kubeConfig, request.path, request.query);
  const payload = request.body === undefined ? undefined : JSON.stringify(request.body);
  // An explicit length: Node sends a DELETE body neither chunked nor with a length by default, so the
  // server would ignore it (losing the preconditions) and, on a kept-alive connection, read it as the
  // start of the next request.
  const headers = {
    accept: 'application/json',
    ...(payload !== undefined && { 'content-type': request.contentType ?? 'application/json', 'content-length': Buffer.byteLength(payload) }),
  };
  const options: RequestOptions = { method: request.method, headers };
  await kubeConfig.applyToHTTPSOptions(options);
  const pooled = pooledAgent(kubeConfig, url.protocol);
  if (pooled !== undefined) options.agent = pooled;
  const send = url.protocol === 'http:' ? httpRequest : httpsRequest;
  const response = await new Promise<IncomingMessage>((resolve, reject) => {
    const req = send(url, { ...options, ...(request.signal && { signal: request.signal }) }, resolve);
    req.on('error', (cause) => reject(new KubeApiError('ERR_KUBE_API_CONNECTION', 'request failed', { cause })));
    req.end(payload);
  });
  const status = response.statusCode ?? 0;
  if (status >= 200 && status < 300) return response;
  const body = await readBody(response).catch(() => '');
  response.destroy();
  throw statusError(status, url.pathname, body);
}

/** {@link openRequest}, then the response body decoded as JSON. */
export async function requestJson<T>(kubeConfig: KubeConfig, request: KubeRequest): Promise<T> {
  const text = await readBody(await openRequest(kubeConfig, request));
  return JSON.parse(text) as T;
}
