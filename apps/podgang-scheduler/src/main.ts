#!/usr/bin/env node
// Composition root of the podgang-scheduler: everything is built here and passed down.
import { configOrExit, runDeployable } from '@grove/watch-sdk';
import { createMetricsRegistry } from '@grove/telemetry/metrics';
import { startTracing } from '@grove/telemetry/tracing';
import { parseConfig } from './config.js';

const NAME = 'podgang-scheduler';

const config = configOrExit(NAME, () => parseConfig(process.argv.slice(2), process.env));
// First: spans of everything below go to OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set (no-op otherwise).
const tracing = startTracing({ serviceName: NAME, env: process.env });
const registry = createMetricsRegistry();
// Several schedulers may run side by side; the name on every line tells their logs apart.
runDeployable({
  name: NAME,
  config,
  logFields: { scheduler: config.schedulerName },
  metrics: registry,
  onReady: async (host) => {
    host.onShutdown(() => tracing.shutdown());
    // Imported here: client-node and RxJS load after /healthz answers.
    const { startScheduler } = await import('./start.js');
    await startScheduler(host, { schedulerName: config.schedulerName, leaderElectionNamespace: config.leaderElectionNamespace }, registry);
  },
});
