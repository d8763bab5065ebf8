#!/usr/bin/env node
// Composition root of the startup-gate-sidecar (an init container): no HTTP server, no leader election.
import { createLogger, onShutdownSignal } from '@grove/telemetry';
import { configOrExit } from '@grove/watch-sdk';
import { parseConfig } from './config.js';

const NAME = 'startup-gate-sidecar';
const SHUTDOWN_DEADLINE_MS = 2_000;
const MAX_TIMER_MS = 2 ** 31 - 1;

function main(argv: readonly string[], env: NodeJS.ProcessEnv): void {
  const config = configOrExit(NAME, () => parseConfig(argv, env));
  const logger = createLogger({ name: NAME, level: config.logLevel });
  const waiting = config.podcliques.length > 0;
  if (waiting) {
    // Skeleton: the real gate watches each PodClique until `minAvailable` of its pods are ready and
    // then exits 0. Until then we wait for a signal and exit non-zero, so the pod never starts early.
    // The handler is registered before the first log line, so no SIGTERM finds the default handler.
    const keepAlive = setInterval(() => undefined, MAX_TIMER_MS);
    onShutdownSignal(() => clearInterval(keepAlive), { logger, deadlineMs: SHUTDOWN_DEADLINE_MS, exitCode: 1 });
  }
  logger.info({ dependencies: config.podcliques }, 'startup gate waiting');
  if (!waiting) logger.info('startup gate open');
}

main(process.argv.slice(2), process.env);
