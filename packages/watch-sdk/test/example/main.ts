#!/usr/bin/env node
/* eslint-disable @nx/enforce-module-boundaries -- the example imports the SDK by its public name, as an app does */
// The example's composition root: the deployable skeleton (flags, health, SIGTERM) plus a manager.
import { configOrExit, parseControllerConfig, runDeployable } from '@grove/watch-sdk';
import { createMetricsRegistry } from '@grove/telemetry/metrics';

const NAME = 'key-counter';
const config = configOrExit(NAME, () => parseControllerConfig(process.argv.slice(2), process.env, { defaultHealthPort: 8099 }));
const registry = createMetricsRegistry();

runDeployable({
  name: NAME,
  config,
  metrics: registry, // /metrics next to /healthz and /readyz
  onReady: async (host) => {
    // Loaded only now, so /healthz answers before client-node and RxJS are loaded.
    const { createManager, startManager } = await import('@grove/watch-sdk/manager');
    const { addKeyCounter } = await import('./key-counter.js');
    const manager = createManager(host, { registry, leaderElection: { namespace: 'default', name: NAME } });
    addKeyCounter(manager, host.kubeConfig);
    await startManager(manager, host); // resolves once the caches are synced: /readyz turns 200
  },
});
