import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import { kubeRequestKind, observeKubeRequests, requestJson, type KubeRequest } from './kube-request.js';

const servers: Server[] = [];
const removers: (() => void)[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
  for (const remove of removers.splice(0)) remove();
});

/** A stand-in API server on loopback answering `{}`, and a KubeConfig pointing at it. */
async function apiServer(onConnection: () => void = () => undefined): Promise<KubeConfig> {
  const server = createServer((_req, res) => res.end('{}'));
  server.on('connection', onConnection);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'c', server: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, skipTLSVerify: true }],
    users: [{ name: 'u', token: 't' }],
    contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
    currentContext: 'x',
  });
  return kc;
}

describe('kubeRequestKind', () => {
  const kind = (method: KubeRequest['method'], path: string, query?: KubeRequest['query']) =>
    kubeRequestKind({ method, path, ...(query && { query }) });

  it('tells list, watch and get apart by the path and the watch parameter', () => {
    expect(kind('GET', '/api/v1/namespaces/ns/pods')).toEqual({ verb: 'list', resource: 'pods' });
    expect(kind('GET', '/api/v1/pods', { watch: true })).toEqual({ verb: 'watch', resource: 'pods' });
    expect(kind('GET', '/apis/grove.io/v1alpha1/namespaces/ns/podcliques', { watch: 'true' })).toEqual({ verb: 'watch', resource: 'podcliques.grove.io' });
    expect(kind('GET', '/apis/grove.io/v1alpha1/namespaces/ns/podcliques/a', { watch: false })).toEqual({ verb: 'get', resource: 'podcliques.grove.io' });
  });

  it('maps write methods to RBAC verbs, with the subresource', () => {
    expect(kind('POST', '/api/v1/namespaces/ns/pods')).toEqual({ verb: 'create', resource: 'pods' });
    expect(kind('PUT', '/apis/scheduler.grove.io/v1alpha1/namespaces/ns/podgangs/g/status')).toEqual({ verb: 'update', resource: 'podgangs.scheduler.grove.io/status' });
    expect(kind('PATCH', '/api/v1/namespaces/ns/pods/p')).toEqual({ verb: 'patch', resource: 'pods' });
    expect(kind('DELETE', '/api/v1/namespaces/ns/pods/p')).toEqual({ verb: 'delete', resource: 'pods' });
    expect(kind('DELETE', '/apis/grove.io/v1alpha1/namespaces/ns/podcliques')).toEqual({ verb: 'deletecollection', resource: 'podcliques.grove.io' });
  });

  it('treats namespaces themselves and cluster-scoped kinds as resources', () => {
    expect(kind('GET', '/api/v1/namespaces')).toEqual({ verb: 'list', resource: 'namespaces' });
    expect(kind('GET', '/api/v1/namespaces/ns')).toEqual({ verb: 'get', resource: 'namespaces' });
    expect(kind('GET', '/apis/grove.io/v1alpha1/clustertopologybindings/t')).toEqual({ verb: 'get', resource: 'clustertopologybindings.grove.io' });
    expect(kind('GET', '/version')).toEqual({ verb: 'get', resource: '-' });
  });
});

describe('connections', () => {
  it('are kept alive and reused by the requests of one KubeConfig', async () => {
    let connections = 0;
    const kc = await apiServer(() => connections++);
    for (let i = 0; i < 5; i++) await requestJson(kc, { method: 'GET', path: `/api/v1/namespaces/ns/pods/p${i}` });
    await Promise.all(Array.from({ length: 3 }, (_, i) => requestJson(kc, { method: 'POST', path: '/api/v1/namespaces/ns/pods', body: { i } })));
    // Five sequential requests share one connection; three at once need at most three.
    expect(connections).toBeLessThanOrEqual(3);
  });
});

describe('request bodies', () => {
  it('reach the server for every method, DELETE included, on a reused connection', async () => {
    const bodies: string[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        bodies.push(`${req.method ?? ''} ${body}`);
        res.end('{}');
      });
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [{ name: 'c', server: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, skipTLSVerify: true }],
      users: [{ name: 'u', token: 't' }],
      contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
      currentContext: 'x',
    });
    const preconditions = { kind: 'DeleteOptions', preconditions: { uid: 'u-1' } };
    await requestJson(kc, { method: 'DELETE', path: '/api/v1/namespaces/ns/pods/a', body: preconditions });
    await requestJson(kc, { method: 'GET', path: '/api/v1/namespaces/ns/pods/b' });
    expect(bodies).toEqual([`DELETE ${JSON.stringify(preconditions)}`, 'GET ']);
  });
});

describe('observeKubeRequests', () => {
  it('sees every request sent until removed', async () => {
    const kc = await apiServer();
    const seen: string[] = [];
    const remove = observeKubeRequests((r) => seen.push(`${r.method} ${r.path}`));
    removers.push(remove);
    await requestJson(kc, { method: 'GET', path: '/api/v1/namespaces/ns/pods/a' });
    await requestJson(kc, { method: 'POST', path: '/api/v1/namespaces/ns/pods', body: {} });
    remove();
    await requestJson(kc, { method: 'GET', path: '/api/v1/namespaces/ns/pods/b' });
    expect(seen).toEqual(['GET /api/v1/namespaces/ns/pods/a', 'POST /api/v1/namespaces/ns/pods']);
  });

  it('never fails a request because an observer threw', async () => {
    const kc = await apiServer();
    removers.push(observeKubeRequests(() => {
      throw new Error('broken observer');
    }));
    await expect(requestJson(kc, { method: 'GET', path: '/api/v1/namespaces/ns/pods/a' })).resolves.toEqual({});
  });
});
