import { request as httpsRequest } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createServingBundle, renewServingLeaf, type ServingBundle } from '@grove/pki';
import { createLogger } from '@grove/telemetry';
import type { AdmissionHandler } from './handlers.js';
import { allow } from './review.js';
import { startWebhookServer, type WebhookServer } from './server.js';

const spec = { caCommonName: 'Test-CA', organization: 'Grove', commonName: '127.0.0.1', dnsNames: [], ips: ['127.0.0.1'] };
const logger = createLogger({ name: 'test', level: 'silent' });

interface Reply {
  status: number;
  body: string;
  serial: string;
}

function post(port: number, ca: string, path: string, body: string | Buffer, method = 'POST'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest({ host: '127.0.0.1', port, path, method, ca, agent: false, headers: { 'content-type': 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), serial: (res.socket as TLSSocket).getPeerCertificate().serialNumber }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const review = (uid = 'u1') => JSON.stringify({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', request: { uid, operation: 'CREATE', object: {} } });

describe('startWebhookServer', () => {
  let bundle: ServingBundle;
  let server: WebhookServer | undefined;

  beforeAll(async () => {
    bundle = await createServingBundle(spec);
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function start(handler: AdmissionHandler, extra: { maxBodyBytes?: number; handlerTimeoutMs?: number } = {}) {
    server = await startWebhookServer({ host: '127.0.0.1', port: 0, tls: bundle, routes: new Map([['/hook', handler]]), logger, ...extra });
    return server;
  }

  it('answers an AdmissionReview with the handler response', async () => {
    const { port } = await start(async (req) => allow(req.uid, ['w']));
    const reply = await post(port, bundle.caPem, '/hook', review());
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toEqual({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', response: { uid: 'u1', allowed: true, warnings: ['w'] } });
  });

  it.each<[string, string, string, number]>([
    ['an unknown path', '/other', 'POST', 404],
    ['a GET', '/hook', 'GET', 405],
  ])('refuses %s', async (_name, path, method, status) => {
    const { port } = await start(async (req) => allow(req.uid));
    expect((await post(port, bundle.caPem, path, method === 'GET' ? '' : review(), method)).status).toBe(status);
  });

  it.each(['not json', '{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview"}', '\u0000\u0001'])('answers a malformed review %j with 400', async (body) => {
    const { port } = await start(async (req) => allow(req.uid));
    const reply = await post(port, bundle.caPem, '/hook', body);
    expect(reply.status).toBe(400);
    expect(reply.body).toMatch(/^invalid AdmissionReview: /);
  });

  it('answers a body over the limit with 413 and keeps serving', async () => {
    const { port } = await start(async (req) => allow(req.uid), { maxBodyBytes: 1024 });
    expect((await post(port, bundle.caPem, '/hook', Buffer.alloc(64 * 1024, 'x'))).status).toBe(413);
    expect((await post(port, bundle.caPem, '/hook', review())).status).toBe(200);
  });

  it('denies cleanly when the handler throws', async () => {
    const { port } = await start(() => Promise.reject(new TypeError('boom')));
    const reply = JSON.parse((await post(port, bundle.caPem, '/hook', review())).body);
    expect(reply.response).toEqual({ uid: 'u1', allowed: false, status: { code: 500, reason: 'InternalError', message: 'internal error in the admission webhook' } });
  });

  it('denies with a timeout when the handler exceeds its budget, and aborts its signal', async () => {
    let aborted = false;
    const { port } = await start(
      (req, signal) =>
        new Promise((resolve) => {
          signal.addEventListener('abort', () => (aborted = true));
          setTimeout(() => resolve(allow(req.uid)), 2_000);
        }),
      { handlerTimeoutMs: 100 },
    );
    const reply = JSON.parse((await post(port, bundle.caPem, '/hook', review())).body);
    expect(reply.response.status).toMatchObject({ code: 504, reason: 'Timeout' });
    expect(aborted).toBe(true);
  });

  it('serves a swapped certificate on new connections', async () => {
    const { port } = await start(async (req) => allow(req.uid));
    const before = (await post(port, bundle.caPem, '/hook', review())).serial;
    const renewed = await renewServingLeaf(bundle, spec);
    server?.setCertificate(renewed);
    const after = (await post(port, bundle.caPem, '/hook', review())).serial;
    expect(after).not.toBe(before);
  });
});
