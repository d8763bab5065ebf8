/**
 * One span per reconcile (lesson 10), named `reconcile <Kind>`, with the key and reconcile id as
 * attributes; the result sets its status, a requeue is a span event. Steps inside the reconcile
 * open child spans with the same tracer. Without a registered OpenTelemetry SDK all of this is a
 * no-op, and log lines inside the span carry its `trace_id` (see `@grove/telemetry`'s mixin).
 */
import { context, SpanStatusCode, trace, type Attributes, type Context, type Span } from '@opentelemetry/api';
import type { ReconcileResult } from './result.js';

/** Looked up per call: the SDK may be registered after this module loaded. */
export function reconcileTracer() {
  return trace.getTracer('@grove/watch-sdk');
}

export function recordResult(span: Span, result: ReconcileResult): void {
  switch (result.kind) {
    case 'done':
      span.setStatus({ code: SpanStatusCode.OK });
      return;
    case 'requeueAfter':
      span.setStatus({ code: SpanStatusCode.OK });
      span.addEvent('requeue', { reason: result.reason, 'requeue.after_ms': result.ms });
      return;
    case 'error':
      for (const err of result.errors) span.recordException(err);
      span.setStatus({ code: SpanStatusCode.ERROR, message: result.errors.map((e) => e.message).join('; ') });
  }
}

/**
 * Runs `fn` inside a new active span and ends it when `fn` settles. `parent` (the active context by
 * default) may carry a remote span from the object's `grove.io/traceparent` annotation.
 */
export function inReconcileSpan<T>(name: string, attributes: Attributes, fn: (span: Span) => Promise<T>, parent: Context = context.active()): Promise<T> {
  return reconcileTracer().startActiveSpan(name, { attributes }, parent, async (span) => {
    try {
      return await fn(span);
    } finally {
      span.end();
    }
  });
}

/** A child span for one step of a reconcile (`sync pods`, `sync podgangs`); a throw marks it failed. */
export function inStep<T>(name: string, fn: () => Promise<T>): Promise<T> {
  return reconcileTracer().startActiveSpan(name, async (span) => {
    try {
      const result = await fn();
      span.setStatus({ code: SpanStatusCode.OK });
      return result;
    } catch (err) {
      if (err instanceof Error) span.recordException(err);
      span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.message : String(err) });
      throw err;
    } finally {
      span.end();
    }
  });
}
