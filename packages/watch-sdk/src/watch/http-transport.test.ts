import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';
import { firstValueFrom, lastValueFrom, toArray } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { WatchError } from './errors.js';
import { httpTransport } from './http-transport.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const servers: Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

/** A stand-in API server on loopback, and a KubeConfig pointing at it with a bearer token. */
async function apiServer(handler: Handler): Promise<{ kc: KubeConfig; requests: URL[] }> {
  const requests: URL[] = [];
  const server = createServer((req, res) => {
    requests.push(new URL(req.url ?? '/', 'http://x'));
    expect(req.headers.authorization).toBe('Bearer t0ken');
    handler(req, res);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const kc = new KubeConfig();
  kc.loadFromOptions({
    // client-node refuses plain HTTP unless TLS verification is off.
    clusters: [{ name: 'c', server: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, skipTLSVerify: true }],
    users: [{ name: 'u', token: 't0ken' }],
    contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
    currentContext: 'x',
  });
  return { kc, requests };
}

const LIST = { path: '/api/v1/namespaces/ns/pods', labelSelector: 'a=b', limit: 2 };
const WATCH = { path: '/api/v1/pods', resourceVersion: '7', timeoutSeconds: 300 };

describe('httpTransport', { timeout: 15_000 }, () => {
  it('lists a page with the selectors, limit and continue token', async () => {
    const { kc, requests } = await apiServer((_req, res) => {
      res.end(JSON.stringify({ items: [{ metadata: { name: 'p' } }], metadata: { resourceVersion: '5', continue: 'next' } }));
    });
    const page = await firstValueFrom(httpTransport(kc).list({ ...LIST, continue: 'tok' }));
    expect(page).toEqual({ items: [{ metadata: { name: 'p' } }], resourceVersion: '5', continue: 'next' });
    expect(requests[0]?.pathname).toBe('/api/v1/namespaces/ns/pods');
    expect(Object.fromEntries(requests[0]?.searchParams ?? [])).toEqual({ labelSelector: 'a=b', limit: '2', continue: 'tok' });
  });

  it('streams watch lines, asking for bookmarks from the resourceVersion, until the server ends the watch', async () => {
    const { kc, requests } = await apiServer((_req, res) => {
      res.write('{"type":"ADDED","object":{"metadata":{"name":"a"}}}\n');
      res.write('{"type":"BOOKMARK","object":{"metadata":{"resourceVersion":"9"}}}\n\n');
      res.end();
    });
    const events = await lastValueFrom(httpTransport(kc).watch(WATCH).pipe(toArray()));
    expect(events.map((e) => e.type)).toEqual(['ADDED', 'BOOKMARK']);
    expect(Object.fromEntries(requests[0]?.searchParams ?? [])).toEqual({
      watch: 'true',
      allowWatchBookmarks: 'true',
      resourceVersion: '7',
      timeoutSeconds: '300',
    });
  });

  it('fails with ERR_WATCH_GONE on 410 and ERR_WATCH_HTTP on other statuses', async () => {
    const gone = await apiServer((_req, res) => res.writeHead(410).end('{"kind":"Status","code":410}'));
    await expect(firstValueFrom(httpTransport(gone.kc).watch(WATCH))).rejects.toMatchObject({ code: 'ERR_WATCH_GONE', status: 410 });
    const denied = await apiServer((_req, res) => res.writeHead(403).end('forbidden'));
    await expect(firstValueFrom(httpTransport(denied.kc).list(LIST))).rejects.toMatchObject({ code: 'ERR_WATCH_HTTP', status: 403 });
  });

  it('fails a watch whose connection breaks mid-stream, never completing it', async () => {
    const { kc } = await apiServer((_req, res) => {
      res.write('{"type":"ADDED","object":{}}\n');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    const error = await lastValueFrom(httpTransport(kc).watch(WATCH).pipe(toArray())).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(WatchError);
    expect((error as WatchError).code).toBe('ERR_WATCH_CONNECTION');
  });

  it('fails a watch the server keeps open past its timeout, and aborts the request on unsubscribe', async () => {
    let closed = 0;
    const { kc } = await apiServer((req, res) => {
      req.on('close', () => closed++);
      res.write('\n');
    });
    const silent = firstValueFrom(httpTransport(kc, { watchGraceMs: 50 }).watch({ ...WATCH, timeoutSeconds: 0 }));
    await expect(silent).rejects.toMatchObject({ code: 'ERR_WATCH_TIMEOUT' });
    const subscription = httpTransport(kc).watch(WATCH).subscribe();
    await new Promise((resolve) => setTimeout(resolve, 100));
    subscription.unsubscribe();
    await expect.poll(() => closed).toBe(2);
  });

  it('fails with ERR_WATCH_DECODE on a line that is not JSON', async () => {
    const { kc } = await apiServer((_req, res) => res.end('not json\n'));
    await expect(firstValueFrom(httpTransport(kc).watch(WATCH))).rejects.toMatchObject({ code: 'ERR_WATCH_DECODE' });
  });
});
