import { context, trace, type Span } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { Subject } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TRACEPARENT_ANNOTATION } from '@grove/telemetry';
import type { ObjectKey } from '../keys.js';
import { Controller } from './controller.js';
import { done, fail, requeueAfter, type ReconcileResult } from './result.js';
import { inReconcileSpan, inStep } from './trace.js';

const exporter = new InMemorySpanExporter();

describe('reconcile spans', () => {
  beforeAll(() => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
  });
  afterAll(() => {
    trace.disable();
    context.disable();
  });

  it('opens one span per reconcile, with the key, the status from the result, and requeue events', async () => {
    const results: ReconcileResult[] = [done(), requeueAfter(60_000, 'waiting for pods'), fail(new Error('apply failed'))];
    let active: Span | undefined;
    const keys = new Subject<ObjectKey>();
    const logger = { info: vi.fn(), debug: vi.fn(), error: vi.fn(), child: () => logger };
    const controller = new Controller({
      name: 'podcliqueset',
      kind: 'PodCliqueSet',
      sources: [keys],
      logger: logger as never,
      queue: { backoff: { baseMs: 60_000 } },
      reconcile: async () => {
        active = trace.getActiveSpan();
        return results.shift() ?? done();
      },
    });
    await controller.start();
    for (const name of ['a', 'b', 'c']) keys.next({ namespace: 'ns', name });
    await vi.waitFor(() => expect(exporter.getFinishedSpans()).toHaveLength(3));
    await controller.stop(100);
    const spans = exporter.getFinishedSpans();
    expect(spans.map((s) => s.name)).toEqual(['reconcile PodCliqueSet', 'reconcile PodCliqueSet', 'reconcile PodCliqueSet']);
    expect(spans[0]?.attributes).toMatchObject({ 'grove.controller': 'podcliqueset', 'k8s.namespace.name': 'ns', 'k8s.object.name': 'a' });
    expect(spans.map((s) => s.status.code)).toEqual([1, 1, 2]);
    expect(spans[1]?.events.map((e) => [e.name, e.attributes?.['reason']])).toEqual([['requeue', 'waiting for pods']]);
    expect(spans[2]?.status.message).toBe('apply failed');
    expect(active?.spanContext().spanId).toBe(spans[2]?.spanContext().spanId);
  });

  it('starts the span under the remote parent from the object\'s traceparent annotation', async () => {
    exporter.reset();
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const keys = new Subject<ObjectKey>();
    const logger = { info: vi.fn(), debug: vi.fn(), error: vi.fn(), child: () => logger };
    const controller = new Controller({
      name: 'podclique',
      sources: [keys],
      logger: logger as never,
      annotations: (key) => (key.name === 'child' ? { [TRACEPARENT_ANNOTATION]: traceparent } : undefined),
      reconcile: async () => done(),
    });
    await controller.start();
    keys.next({ namespace: 'ns', name: 'child' });
    await vi.waitFor(() => expect(exporter.getFinishedSpans()).toHaveLength(1));
    keys.next({ namespace: 'ns', name: 'orphan' });
    await vi.waitFor(() => expect(exporter.getFinishedSpans()).toHaveLength(2));
    await controller.stop(100);
    const [child, orphan] = exporter.getFinishedSpans();
    expect(child?.spanContext().traceId).toBe('0af7651916cd43dd8448eb211c80319c');
    expect(child?.parentSpanContext?.spanId).toBe('b7ad6b7169203331');
    expect(child?.parentSpanContext?.isRemote).toBe(true);
    expect(orphan?.spanContext().traceId).not.toBe('0af7651916cd43dd8448eb211c80319c');
    expect(orphan?.parentSpanContext).toBeUndefined();
  });

  it('opens a child span per step, failed when the step throws', async () => {
    exporter.reset();
    await inReconcileSpan('reconcile PodClique', {}, async () => {
      await inStep('sync pods', async () => 'ok');
      await expect(inStep('lift gates', () => Promise.reject(new Error('patch refused')))).rejects.toThrow('patch refused');
    });
    const spans = exporter.getFinishedSpans();
    const root = spans.find((s) => s.name === 'reconcile PodClique');
    const steps = spans.filter((s) => s.name !== 'reconcile PodClique');
    expect(steps.map((s) => [s.name, s.status.code])).toEqual([['sync pods', 1], ['lift gates', 2]]);
    expect(steps.every((s) => s.parentSpanContext?.spanId === root?.spanContext().spanId)).toBe(true);
  });
});
