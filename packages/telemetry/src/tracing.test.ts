import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { context, propagation, trace } from '@opentelemetry/api';
import { afterEach, describe, expect, it } from 'vitest';
import { samplerFromEnv, startTracing, tracesUrl, type Tracing } from './tracing.js';

interface Received {
  method: string | undefined;
  url: string | undefined;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A tiny OTLP/HTTP collector on 127.0.0.1 that records every request. */
async function collector(): Promise<{ server: Server; endpoint: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, endpoint: `http://127.0.0.1:${port}`, received };
}

describe('startTracing', () => {
  let tracing: Tracing | undefined;
  let server: Server | undefined;

  afterEach(async () => {
    await tracing?.shutdown();
    trace.disable();
    context.disable();
    propagation.disable();
    const open = server;
    if (open !== undefined) await new Promise((resolve) => open.close(resolve));
    tracing = server = undefined;
  });

  it('exports an ended span as an OTLP/HTTP POST to /v1/traces', async () => {
    const c = await collector();
    server = c.server;
    tracing = startTracing({ serviceName: 'grove-test', env: { OTEL_EXPORTER_OTLP_ENDPOINT: `${c.endpoint}/`, OTEL_EXPORTER_OTLP_HEADERS: 'x-token=abc' } });
    expect(tracing.enabled).toBe(true);

    trace.getTracer('test').startActiveSpan('reconcile Thing', (span) => span.end());
    await tracing.forceFlush();

    expect(c.received).toHaveLength(1);
    const [request] = c.received;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/v1/traces');
    expect(request?.headers['content-type']).toMatch(/application\/json/);
    expect(request?.headers['x-token']).toBe('abc');
    expect(request?.body).toContain('grove-test');
    expect(request?.body).toContain('reconcile Thing');
  });

  it('starts nothing without an endpoint, or when disabled', async () => {
    tracing = startTracing({ serviceName: 'grove-test', env: {} });
    expect(tracing.enabled).toBe(false);
    const span = trace.getTracer('test').startSpan('x');
    expect(span.isRecording()).toBe(false);
    span.end();
    expect(startTracing({ serviceName: 's', env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:1', OTEL_SDK_DISABLED: 'true' } }).enabled).toBe(false);
    expect(startTracing({ serviceName: 's', env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:1', OTEL_TRACES_EXPORTER: 'none' } }).enabled).toBe(false);
  });

  it('prefers the traces endpoint as is, and appends /v1/traces to the base endpoint', () => {
    expect(tracesUrl({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318' })).toBe('http://c:4318/v1/traces');
    expect(tracesUrl({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://t:4318/custom' })).toBe('http://t:4318/custom');
    expect(tracesUrl({ OTEL_EXPORTER_OTLP_ENDPOINT: ' ' })).toBeUndefined();
  });

  it('reads the sampler from the environment', () => {
    expect(samplerFromEnv({}).toString()).toMatch(/ParentBased\{root=AlwaysOnSampler/);
    expect(samplerFromEnv({ OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.25' }).toString()).toBe('TraceIdRatioBased{0.25}');
  });
});
