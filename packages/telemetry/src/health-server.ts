import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';

/** What `/metrics` serves; a prom-client `Registry` is one. */
export interface MetricsSource {
  readonly contentType: string;
  metrics(): Promise<string>;
}

export interface HealthServerOptions {
  /** TCP port; 0 picks a free one (read it back from {@link HealthServer.port}). */
  port: number;
  host: string;
  /** Decides `/readyz`; a throw or rejection counts as not ready. */
  isReady: () => boolean | Promise<boolean>;
  logger: Pick<Logger, 'info' | 'error'>;
  /** Served on `/metrics` when given (Prometheus text exposition); 404 otherwise. */
  metrics?: MetricsSource;
}

export interface HealthServer {
  /** The bound port (the real one when 0 was asked for). */
  readonly port: number;
  close(): Promise<void>;
}

async function checkReady(isReady: HealthServerOptions['isReady']): Promise<boolean> {
  try {
    return await isReady();
  } catch {
    return false;
  }
}

function send(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end(body);
}

async function serveMetrics(res: ServerResponse, source: MetricsSource): Promise<void> {
  const body = await source.metrics();
  res.writeHead(200, { 'content-type': source.contentType, 'cache-control': 'no-store' });
  res.end(body);
}

async function route(req: IncomingMessage, res: ServerResponse, options: HealthServerOptions): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    send(res, 405, 'method not allowed');
    return;
  }
  const path = (req.url ?? '/').split('?', 1)[0];
  if (path === '/healthz') {
    send(res, 200, 'ok');
  } else if (path === '/readyz') {
    const ready = await checkReady(options.isReady);
    send(res, ready ? 200 : 503, ready ? 'ok' : 'not ready');
  } else if (path === '/metrics' && options.metrics) {
    await serveMetrics(res, options.metrics);
  } else {
    send(res, 404, 'not found');
  }
}

/**
 * Serves `/healthz` (always 200 while the process runs), `/readyz` (200 when `isReady()`, else 503)
 * and, when given a source, `/metrics`.
 */
export async function startHealthServer(options: HealthServerOptions): Promise<HealthServer> {
  const { logger } = options;
  const server = createServer((req, res) => {
    route(req, res, options).catch((err: unknown) => {
      logger.error({ err }, 'health request failed');
      if (!res.headersSent) send(res, 500, 'internal error');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  logger.info({ host: options.host, port }, 'health server listening');
  return {
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
