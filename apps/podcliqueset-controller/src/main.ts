#!/usr/bin/env node
// Composition root of the podcliqueset-controller: everything is built here and passed down.
import { configOrExit, runDeployable } from '@grove/watch-sdk';
import { parseConfig } from './config.js';

const NAME = 'podcliqueset-controller';

const config = configOrExit(NAME, () => parseConfig(process.argv.slice(2), process.env));
const { webhook } = config;
runDeployable({
  name: NAME,
  config,
  // Ready (/readyz) only once the webhook serves with valid certificates and is registered.
  ...(webhook && {
    onReady: async ({ kubeConfig, logger, signal, onShutdown }) => {
      // Imported here: the webhook pulls in @kubernetes/client-node, which /healthz must not wait for.
      const { startWebhook } = await import('./webhook/start.js');
      // A URL registration points at this very process: once it exits, nothing answers, and with
      // failurePolicy Fail every PodCliqueSet write would fail. So it leaves with the process.
      const running = await startWebhook(webhook, { kubeConfig, logger, signal }, { unregisterOnStop: webhook.endpoint.kind === 'url' });
      onShutdown(() => running.stop());
    },
  }),
});
