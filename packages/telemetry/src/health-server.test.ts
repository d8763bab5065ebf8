import { afterEach, describe, expect, it } from 'vitest';
import { startHealthServer, type HealthServer } from './health-server.js';

const logger = { info: () => undefined, error: () => undefined };

describe('startHealthServer', () => {
  let server: HealthServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function start(isReady: () => boolean | Promise<boolean>) {
    server = await startHealthServer({ port: 0, host: '127.0.0.1', isReady, logger });
    const base = `http://127.0.0.1:${server.port}`;
    return (path: string) => fetch(base + path);
  }

  it('binds an ephemeral port when asked for port 0', async () => {
    await start(() => true);
    expect(server?.port).toBeGreaterThan(0);
  });

  it('answers /healthz with 200 ok even when not ready', async () => {
    const get = await start(() => false);
    const res = await get('/healthz');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('ok');
  });

  it('answers /readyz with 503 until ready, then 200', async () => {
    let ready = false;
    const get = await start(() => ready);
    expect((await get('/readyz')).status).toBe(503);
    ready = true;
    expect((await get('/readyz?verbose')).status).toBe(200);
  });

  it('supports async readiness and treats a rejection as not ready', async () => {
    const get = await start(() => Promise.reject(new Error('boom')));
    expect((await get('/readyz')).status).toBe(503);
  });

  it('answers unknown paths with 404 and other methods with 405', async () => {
    const get = await start(() => true);
    expect((await get('/metricz')).status).toBe(404);
    const post = await fetch(`http://127.0.0.1:${server?.port}/healthz`, { method: 'POST' });
    expect(post.status).toBe(405);
  });

  it('serves /metrics from the given source with its content type', async () => {
    const metrics = { contentType: 'text/plain; version=0.0.4', metrics: () => Promise.resolve('up 1\n') };
    server = await startHealthServer({ port: 0, host: '127.0.0.1', isReady: () => true, logger, metrics });
    const res = await fetch(`http://127.0.0.1:${server.port}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4');
    expect(await res.text()).toBe('up 1\n');
  });

  it('stops listening after close()', async () => {
    const get = await start(() => true);
    await server?.close();
    server = undefined;
    await expect(get('/healthz')).rejects.toThrow();
  });
});
