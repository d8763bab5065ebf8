import { isSpanContextValid, trace } from '@opentelemetry/api';

/** Log fields that tie a line to the active OpenTelemetry span. */
export interface TraceFields {
  trace_id?: string;
  span_id?: string;
}

/**
 * pino mixin: adds `trace_id`/`span_id` when a valid span is active in the current OTel context.
 * Without a registered context manager (no SDK) there is never an active span, so this adds nothing.
 */
export function traceMixin(): TraceFields {
  const span = trace.getActiveSpan();
  if (span === undefined) {
    return {};
  }
  const spanContext = span.spanContext();
  if (!isSpanContextValid(spanContext)) {
    return {};
  }
  return { trace_id: spanContext.traceId, span_id: spanContext.spanId };
}
