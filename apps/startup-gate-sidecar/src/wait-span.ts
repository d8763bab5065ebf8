/**
 * One span for the whole wait, when OTLP tracing is configured: a child of the PodCliqueSet's
 * trace when the pod carries a `grove.io/traceparent` annotation (read from the pod-info file),
 * with each dependency's required and final Ready count as attributes. The OpenTelemetry SDK is
 * imported only when an endpoint is set, so an untraced gate never loads it.
 */
import { SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import { contextFromAnnotations, TRACEPARENT_ANNOTATION } from '@grove/telemetry';
import type { Env } from '@grove/watch-sdk';
import type { GateOutcome } from './gate.js';
import type { DependencyCount } from './readiness.js';

export interface WaitSpan {
  /** Ends the span with the outcome and flushes it; never rejects. */
  end(outcome: GateOutcome): Promise<void>;
}

const noSpan: WaitSpan = { end: () => Promise.resolve() };

export interface WaitSpanInput {
  readonly serviceName: string;
  readonly env: Env;
  readonly namespace: string;
  readonly podGang: string;
  readonly traceparent?: string | undefined;
  readonly counts: readonly DependencyCount[];
}

function countAttributes(counts: readonly DependencyCount[]): Record<string, number> {
  const attributes: Record<string, number> = {};
  for (const c of counts) {
    attributes[`grove.startup_gate.${c.fqn}.min_available`] = c.minAvailable;
    attributes[`grove.startup_gate.${c.fqn}.ready`] = c.ready;
  }
  return attributes;
}

function hasEndpoint(env: Env): boolean {
  return Boolean(env['OTEL_EXPORTER_OTLP_ENDPOINT']?.trim() || env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT']?.trim());
}

export async function startWaitSpan(input: WaitSpanInput): Promise<WaitSpan> {
  if (!hasEndpoint(input.env)) return noSpan;
  const { startTracing } = await import('./tracing-loader.js');
  const tracing = startTracing({ serviceName: input.serviceName, env: input.env });
  if (!tracing.enabled) return noSpan;
  const parent = contextFromAnnotations(input.traceparent === undefined ? undefined : { [TRACEPARENT_ANNOTATION]: input.traceparent });
  const span: Span = trace.getTracer(input.serviceName).startSpan(
    'startup gate wait',
    {
      attributes: {
        'k8s.namespace.name': input.namespace,
        'grove.podgang': input.podGang,
        'grove.startup_gate.dependencies': input.counts.length,
        ...countAttributes(input.counts),
      },
    },
    parent,
  );
  return {
    async end(outcome) {
      span.setAttributes({ ...countAttributes(outcome.counts), 'grove.startup_gate.outcome': outcome.kind });
      if (outcome.kind !== 'open') span.setStatus({ code: SpanStatusCode.ERROR, message: outcome.kind });
      span.end();
      await tracing.shutdown().catch(() => undefined);
    },
  };
}
