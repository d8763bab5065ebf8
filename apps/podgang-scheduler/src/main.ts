#!/usr/bin/env node
// Composition root of the podgang-scheduler: everything is built here and passed down.
import { createLogger, onShutdownSignal, startHealthServer } from '@grove/telemetry';
import { ConfigError, parseConfig, type Config } from './config.js';

const NAME = 'podgang-scheduler';
const SHUTDOWN_DEADLINE_MS = 10_000;

function configOrExit(argv: readonly string[], env: NodeJS.ProcessEnv): Config {
  try {
    return parseConfig(argv, env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${NAME}: ${err.message}\n`);
    process.exit(2);
  }
}

async function main(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<void> {
  const config = configOrExit(argv, env);
  const logger = createLogger({ name: NAME, level: config.logLevel, base: { scheduler: config.schedulerName } });
  const stop = new AbortController();
  let ready = false;
  const health = startHealthServer({
    port: config.healthPort,
    host: config.healthHost,
    isReady: () => ready,
    logger,
  });
  // Registered before the server reports `listening`, so no SIGTERM finds the default handler.
  onShutdownSignal(
    async () => {
      stop.abort();
      await (await health).close();
    },
    { logger, deadlineMs: SHUTDOWN_DEADLINE_MS },
  );
  await health;
  // Imported only now: @kubernetes/client-node takes seconds to load, and /healthz should not wait.
  const { loadKubeConfig, waitForApiServer } = await import('./api-server.js');
  const kubeConfig = loadKubeConfig(config.kubeconfig);
  const version = await waitForApiServer({ kubeConfig, logger, signal: stop.signal });
  ready = version !== undefined;
}

main(process.argv.slice(2), process.env).catch((err: unknown) => {
  createLogger({ name: NAME }).error({ err }, 'fatal error');
  process.exit(1);
});
