/**
 * The HTTPS server the API server calls. Defensive by construction: bodies are size-capped and read
 * with a deadline, malformed reviews get a 400, a handler that throws or exceeds its budget yields a
 * clean denial (the API server's own timeout is 10 s; we answer well before), and certificates can
 * be swapped while running (rotation) without dropping the listener.
 */
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '@grove/telemetry';
import type { AdmissionHandler } from './handlers.js';
import { fail, parseAdmissionReview, reviewBody, type AdmissionResponse } from './review.js';

export interface TlsPair {
  readonly certPem: string;
  readonly keyPem: string;
}

export interface WebhookServerOptions {
  readonly host: string;
  /** 0 picks a free port (read it back from {@link WebhookServer.port}). */
  readonly port: number;
  readonly tls: TlsPair;
  /** Handlers by URL path, e.g. `/webhooks/validate-podcliqueset`. */
  readonly routes: ReadonlyMap<string, AdmissionHandler>;
  readonly logger: Pick<Logger, 'debug' | 'info' | 'error'>;
  /** Largest accepted body; an AdmissionReview holds the object and the old object. */
  readonly maxBodyBytes?: number;
  /** Budget of one handler call; must stay well under the configurations' timeoutSeconds (10). */
  readonly handlerTimeoutMs?: number;
}

export interface WebhookServer {
  readonly port: number;
  /** Swaps the serving certificate; new connections use it, open ones finish with the old one. */
  setCertificate(tls: TlsPair): void;
  close(): Promise<void>;
}

/** The API server caps objects at 3 MiB; a review carries two of them plus envelope. */
const DEFAULT_MAX_BODY_BYTES = 7 * 1024 * 1024;
const DEFAULT_HANDLER_TIMEOUT_MS = 5_000;
/** A client that trickles its body is cut off after this long. */
const REQUEST_TIMEOUT_MS = 8_000;

class RequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) return reject(new RequestError(413, `body larger than ${limit} bytes`));
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        // Stop buffering but keep draining, so the 413 can still be written before the socket closes.
        req.removeAllListeners('data');
        req.resume();
        reject(new RequestError(413, `body larger than ${limit} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', (err) => reject(new RequestError(400, `reading the body failed: ${err.message}`)));
  });
}

function sendText(res: ServerResponse, status: number, text: string): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
  res.end(text);
}

function sendReview(res: ServerResponse, response: AdmissionResponse): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(reviewBody(response));
}

/** Runs the handler against a deadline; the signal tells a slow lookup to give up. */
async function withDeadline(handler: AdmissionHandler, request: Parameters<AdmissionHandler>[0], ms: number): Promise<AdmissionResponse> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<AdmissionResponse>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve(fail(request.uid, 504, `admission handling took longer than ${ms} ms`));
    }, ms);
  });
  try {
    return await Promise.race([handler(request, controller.signal), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

async function serve(req: IncomingMessage, res: ServerResponse, options: WebhookServerOptions): Promise<void> {
  const path = (req.url ?? '/').split('?', 1)[0] ?? '/';
  const handler = options.routes.get(path);
  if (!handler) return sendText(res, 404, 'not found');
  if (req.method !== 'POST') return sendText(res, 405, 'method not allowed');
  const body = await readBody(req, options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
  const parsed = parseAdmissionReview(body);
  if (!parsed.ok) return sendText(res, 400, `invalid AdmissionReview: ${parsed.problem}`);
  const started = performance.now();
  let response: AdmissionResponse;
  try {
    response = await withDeadline(handler, parsed.request, options.handlerTimeoutMs ?? DEFAULT_HANDLER_TIMEOUT_MS);
  } catch (err) {
    // A rule threw: deny cleanly (the object is not admitted unchecked) and log it once, here.
    options.logger.error({ err, path, uid: parsed.request.uid }, 'admission handler failed');
    response = fail(parsed.request.uid, 500, 'internal error in the admission webhook');
  }
  const ms = Math.round(performance.now() - started);
  options.logger.debug({ path, uid: parsed.request.uid, operation: parsed.request.operation, allowed: response.allowed, ms }, 'admission reviewed');
  sendReview(res, response);
}

function onRequest(options: WebhookServerOptions) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    // A client that hangs up mid-answer makes the response emit an error; it must not crash the process.
    res.on('error', (err) => options.logger.debug({ err }, 'writing the webhook response failed'));
    serve(req, res, options).catch((err: unknown) => {
      if (err instanceof RequestError) return sendText(res, err.status, err.message);
      options.logger.error({ err }, 'webhook request failed');
      sendText(res, 500, 'internal error');
    });
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

export async function startWebhookServer(options: WebhookServerOptions): Promise<WebhookServer> {
  const server = createServer({ cert: options.tls.certPem, key: options.tls.keyPem, requestTimeout: REQUEST_TIMEOUT_MS, headersTimeout: REQUEST_TIMEOUT_MS }, onRequest(options));
  // A failed TLS handshake or a reset socket is the client's problem, not a reason to crash.
  server.on('tlsClientError', (err) => options.logger.debug({ err }, 'TLS handshake failed'));
  server.on('clientError', (_err, socket) => socket.destroy());
  await listen(server, options.port, options.host);
  const { port } = server.address() as AddressInfo;
  options.logger.info({ host: options.host, port, paths: [...options.routes.keys()] }, 'webhook server listening');
  return {
    port,
    setCertificate: (tls) => server.setSecureContext({ cert: tls.certPem, key: tls.keyPem }),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
