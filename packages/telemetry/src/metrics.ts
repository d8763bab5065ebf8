/**
 * The Prometheus registry of a deployable (prom-client). Each process builds one in `main.ts` and
 * passes it down, never prom-client's global registry, so tests and several managers in one process
 * do not collide. Behind the `@grove/telemetry/metrics` subpath: most importers never need it.
 */
import { collectDefaultMetrics, Registry } from 'prom-client';

export { Counter, Gauge, Histogram, Registry } from 'prom-client';

export interface MetricsRegistryOptions {
  /** Process and Node.js runtime metrics (`process_cpu_seconds_total`, heap, event loop lag, …). Default true. */
  defaultMetrics?: boolean;
  /** Labels added to every series. */
  labels?: Record<string, string>;
}

export function createMetricsRegistry(options: MetricsRegistryOptions = {}): Registry {
  const registry = new Registry();
  if (options.labels) registry.setDefaultLabels(options.labels);
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });
  return registry;
}
