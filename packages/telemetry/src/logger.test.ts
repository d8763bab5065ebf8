import {
  context,
  ROOT_CONTEXT,
  trace,
  TraceFlags,
  type Context,
  type ContextManager,
} from '@opentelemetry/api';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';

function captureLogger(level = 'debug') {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({
    name: 'test',
    level,
    base: { controller: 'unit' },
    destination: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) },
  });
  return { logger, lines };
}

/** A synchronous context manager: enough to make `trace.getActiveSpan()` see a span. */
class StackContextManager implements ContextManager {
  private stack: Context[] = [];
  active(): Context {
    return this.stack.at(-1) ?? ROOT_CONTEXT;
  }
  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(
    ctx: Context,
    fn: F,
    thisArg?: ThisParameterType<F>,
    ...args: A
  ): ReturnType<F> {
    this.stack.push(ctx);
    try {
      return fn.call(thisArg, ...args);
    } finally {
      this.stack.pop();
    }
  }
  bind<T>(_ctx: Context, target: T): T {
    return target;
  }
  enable(): this {
    return this;
  }
  disable(): this {
    this.stack = [];
    return this;
  }
}

describe('createLogger', () => {
  afterEach(() => {
    context.disable();
  });

  it('writes one JSON line with a constant message, fields, name, base and level label', () => {
    const { logger, lines } = captureLogger();
    logger.info({ component: 'podgang', result: 'configured' }, 'synced component');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 'info',
      name: 'test',
      controller: 'unit',
      component: 'podgang',
      result: 'configured',
      msg: 'synced component',
    });
    expect(typeof lines[0]?.['time']).toBe('string');
  });

  it('honours the configured level', () => {
    const { logger, lines } = captureLogger('info');
    logger.debug('hidden');
    logger.error('shown');
    expect(lines.map((l) => l['msg'])).toEqual(['shown']);
  });

  it('reduces Kubernetes objects in fields to kind/namespace/name/resourceVersion', () => {
    const { logger, lines } = captureLogger();
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { namespace: 'ns1', name: 'p-0', resourceVersion: '42', labels: { a: 'b' } },
      spec: { containers: [] },
    };
    logger.info({ object: pod, children: [pod] }, 'observed');
    const ref = { kind: 'Pod', namespace: 'ns1', name: 'p-0', resourceVersion: '42' };
    expect(lines[0]?.['object']).toEqual(ref);
    expect(lines[0]?.['children']).toEqual([ref]);
  });

  it('adds no trace fields outside a span', () => {
    const { logger, lines } = captureLogger();
    logger.info('no span');
    expect(lines[0]).not.toHaveProperty('trace_id');
    expect(lines[0]).not.toHaveProperty('span_id');
  });

  it('adds trace_id and span_id while a span is active', () => {
    context.setGlobalContextManager(new StackContextManager());
    const { logger, lines } = captureLogger();
    const span = trace.wrapSpanContext({
      traceId: '0af7651916cd43dd8448eb211c80319c',
      spanId: 'b7ad6b7169203331',
      traceFlags: TraceFlags.SAMPLED,
    });
    context.with(trace.setSpan(context.active(), span), () => logger.info('inside span'));
    logger.info('after span');
    expect(lines[0]).toMatchObject({ trace_id: '0af7651916cd43dd8448eb211c80319c', span_id: 'b7ad6b7169203331' });
    expect(lines[1]).not.toHaveProperty('trace_id');
  });
});
