import { context, ROOT_CONTEXT, trace, TraceFlags } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { contextFromAnnotations, traceAnnotations, traceparentFromContext, TRACEPARENT_ANNOTATION } from './trace-annotation.js';

const spanContext = { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', traceFlags: TraceFlags.SAMPLED };
const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

describe('trace annotation', () => {
  it('writes the W3C traceparent of the span in the context', () => {
    const ctx = trace.setSpanContext(ROOT_CONTEXT, spanContext);
    expect(traceparentFromContext(ctx)).toBe(traceparent);
    expect(traceAnnotations(ctx)).toEqual({ [TRACEPARENT_ANNOTATION]: traceparent });
    expect(TRACEPARENT_ANNOTATION).toBe('grove.io/traceparent');
  });

  it('writes nothing without a valid span', () => {
    expect(traceparentFromContext(ROOT_CONTEXT)).toBeUndefined();
    expect(traceparentFromContext()).toBeUndefined();
    expect(traceAnnotations(ROOT_CONTEXT)).toEqual({});
  });

  it('round-trips a span context through annotations as a remote parent', () => {
    const annotations = { other: 'x', ...traceAnnotations(trace.setSpanContext(ROOT_CONTEXT, spanContext)) };
    const extracted = trace.getSpanContext(contextFromAnnotations(annotations, ROOT_CONTEXT));
    expect(extracted).toEqual({ ...spanContext, isRemote: true });
  });

  it('returns the base context when the annotation is missing or malformed', () => {
    const base = context.active();
    expect(contextFromAnnotations(undefined, base)).toBe(base);
    expect(contextFromAnnotations({}, base)).toBe(base);
    expect(trace.getSpanContext(contextFromAnnotations({ [TRACEPARENT_ANNOTATION]: 'garbage' }, ROOT_CONTEXT))).toBeUndefined();
  });
});
