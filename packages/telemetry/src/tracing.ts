/**
 * OpenTelemetry tracing for a deployable: the NodeSDK with the OTLP/HTTP (JSON) trace exporter,
 * configured from the standard `OTEL_*` variables in the `env` passed in (no reads at import).
 * Off unless an OTLP endpoint is set; `OTEL_SDK_DISABLED=true` or `OTEL_TRACES_EXPORTER=none` turn
 * it off too. Only traces: no metric readers or log processors are started (metrics are served on
 * `/metrics` by prom-client). Imported as `@grove/telemetry/tracing` so the main entry stays light.
 */
import { CompositePropagator, parseKeyPairsIntoRecord, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { hostDetector, processDetector, resourceFromAttributes } from '@opentelemetry/resources';
import { NodeSDK } from '@opentelemetry/sdk-node';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BatchSpanProcessor,
  ParentBasedSampler,
  TraceIdRatioBasedSampler,
  type Sampler,
} from '@opentelemetry/sdk-trace-base';

export type TracingEnv = Readonly<Record<string, string | undefined>>;

export interface TracingOptions {
  /** `service.name` of the spans, unless `OTEL_SERVICE_NAME` is set. */
  serviceName: string;
  /** Usually `process.env`; read once, when `startTracing` is called. */
  env: TracingEnv;
}

export interface Tracing {
  /** True when an SDK was started (an endpoint is configured and tracing is not disabled). */
  readonly enabled: boolean;
  /** Flushes pending spans without stopping. */
  forceFlush(): Promise<void>;
  /** Flushes pending spans and stops exporting. */
  shutdown(): Promise<void>;
}

const resolved = (): Promise<void> => Promise.resolve();
const noopTracing: Tracing = { enabled: false, forceFlush: resolved, shutdown: resolved };

/** The OTLP/HTTP traces URL from the environment, or undefined when tracing is off. */
export function tracesUrl(env: TracingEnv): string | undefined {
  if (env['OTEL_SDK_DISABLED']?.trim().toLowerCase() === 'true') return undefined;
  if (env['OTEL_TRACES_EXPORTER']?.split(',').some((e) => e.trim() === 'none')) return undefined;
  const signal = env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT']?.trim();
  if (signal) return signal;
  const base = env['OTEL_EXPORTER_OTLP_ENDPOINT']?.trim();
  return base ? `${base.replace(/\/+$/, '')}/v1/traces` : undefined;
}

/** `OTEL_TRACES_SAMPLER` (+ `_ARG`); parent-based always-on by default, as the spec says. */
export function samplerFromEnv(env: TracingEnv): Sampler {
  const name = env['OTEL_TRACES_SAMPLER']?.trim() ?? 'parentbased_always_on';
  const ratio = Number(env['OTEL_TRACES_SAMPLER_ARG'] ?? '1');
  const ratioSampler = new TraceIdRatioBasedSampler(Number.isFinite(ratio) ? ratio : 1);
  switch (name) {
    case 'always_on':
      return new AlwaysOnSampler();
    case 'always_off':
      return new AlwaysOffSampler();
    case 'traceidratio':
      return ratioSampler;
    case 'parentbased_always_off':
      return new ParentBasedSampler({ root: new AlwaysOffSampler() });
    case 'parentbased_traceidratio':
      return new ParentBasedSampler({ root: ratioSampler });
    default:
      return new ParentBasedSampler({ root: new AlwaysOnSampler() });
  }
}

function timeoutFromEnv(env: TracingEnv): number | undefined {
  const raw = env['OTEL_EXPORTER_OTLP_TRACES_TIMEOUT'] ?? env['OTEL_EXPORTER_OTLP_TIMEOUT'];
  const ms = raw === undefined ? NaN : Number(raw);
  return Number.isFinite(ms) && ms > 0 ? ms : undefined;
}

/**
 * Starts the NodeSDK (global tracer provider, AsyncLocalStorage context manager, W3C trace-context
 * and baggage propagators) when an endpoint is configured; otherwise returns a no-op handle.
 */
export function startTracing(options: TracingOptions): Tracing {
  const { env } = options;
  const url = tracesUrl(env);
  if (url === undefined) return noopTracing;

  const timeoutMillis = timeoutFromEnv(env);
  const exporter = new OTLPTraceExporter({
    url,
    headers: {
      ...parseKeyPairsIntoRecord(env['OTEL_EXPORTER_OTLP_HEADERS']),
      ...parseKeyPairsIntoRecord(env['OTEL_EXPORTER_OTLP_TRACES_HEADERS']),
    },
    ...(timeoutMillis !== undefined && { timeoutMillis }),
  });
  const processor = new BatchSpanProcessor(exporter);
  const sdk = new NodeSDK({
    serviceName: env['OTEL_SERVICE_NAME']?.trim() || options.serviceName,
    resource: resourceFromAttributes(parseKeyPairsIntoRecord(env['OTEL_RESOURCE_ATTRIBUTES'])),
    // Not the env detector: it would read process.env rather than `env`.
    resourceDetectors: [processDetector, hostDetector],
    spanProcessors: [processor],
    sampler: samplerFromEnv(env),
    textMapPropagator: new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()] }),
    // Traces only: without these the SDK would start OTLP metric and log exporters by default.
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
  return {
    enabled: true,
    forceFlush: () => processor.forceFlush(),
    shutdown: () => sdk.shutdown(),
  };
}
