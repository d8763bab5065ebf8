#!/usr/bin/env node
// Composition root of the podcliqueset-controller: everything is built here and passed down.
import { configOrExit, runDeployable } from '@grove/watch-sdk';
import { createMetricsRegistry } from '@grove/telemetry/metrics';
import { startTracing } from '@grove/telemetry/tracing';
import { parseConfig } from './config.js';

const NAME = 'podcliqueset-controller';

const config = configOrExit(NAME, () => parseConfig(process.argv.slice(2), process.env));
// First: spans of everything below go to OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set (no-op otherwise).
const tracing = startTracing({ serviceName: NAME, env: process.env });
const registry = createMetricsRegistry();
const { webhook } = config;
runDeployable({
  name: NAME,
  config,
  metrics: registry,
  // Ready (/readyz) once the webhook (if any) serves with valid certificates and the caches are synced.
  onReady: async (host) => {
    host.onShutdown(() => tracing.shutdown());
    if (webhook) {
      // Imported here: these pull in @kubernetes/client-node, which /healthz must not wait for.
      const { startWebhook } = await import('./webhook/start.js');
      // A URL registration points at this very process: once it exits, nothing answers, and with
      // failurePolicy Fail every PodCliqueSet write would fail. So it leaves with the process.
      const running = await startWebhook(webhook, host, { unregisterOnStop: webhook.endpoint.kind === 'url' });
      host.onShutdown(() => running.stop());
    }
    const { startReconcilers } = await import('./controllers/start.js');
    await startReconcilers(host, config.reconcilers, registry);
  },
});
