// Loaded on demand by wait-span.ts, only when an OTLP endpoint is configured: the OpenTelemetry SDK
// is most of the bundle's code, and an untraced gate never evaluates it.
export { startTracing } from '@grove/telemetry/tracing';
