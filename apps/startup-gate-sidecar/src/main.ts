#!/usr/bin/env node
// Composition root of the startup-gate-sidecar, an init container: read the flags and the pod-info
// files, watch the gang's pods until every dependency has its Ready count, exit 0. No HTTP server.
import { createLogger, onShutdownSignal, type Logger } from '@grove/telemetry';
import { configOrExit, type Env } from '@grove/watch-sdk';
import { httpTransport } from '@grove/watch-sdk/watch';
import { parseConfig, type Config } from './config.js';
import { CredentialsError, loadCredentials } from './credentials.js';
import { waitForDependencies, type GateOutcome } from './gate.js';
import { PodInfoError, readPodInfo } from './pod-info.js';
import { progressText, shortfalls } from './progress.js';
import type { DependencyCount } from './readiness.js';
import { startWaitSpan } from './wait-span.js';

const NAME = 'startup-gate-sidecar';
/** Time a signal leaves for ending and exporting the span; a second signal exits at once. */
const SHUTDOWN_DEADLINE_MS = 5_000;

/** Exit codes: 0 the dependencies are ready; 1 it did not get there; 2 bad flags (`configOrExit`). */
const EXIT_OPEN = 0;
const EXIT_FAILED = 1;

function logProgress(logger: Logger, counts: DependencyCount[]): void {
  logger.info({ dependencies: counts, short: shortfalls(counts), progress: progressText(counts) }, 'startup gate progress');
}

function logOutcome(logger: Logger, outcome: GateOutcome, timeoutMs: number | undefined): number {
  const fields = { dependencies: outcome.counts, progress: progressText(outcome.counts) };
  switch (outcome.kind) {
    case 'open':
      logger.info(fields, 'startup gate open');
      return EXIT_OPEN;
    case 'forbidden':
      logger.error({ ...fields, reason: outcome.message }, 'startup gate cannot read pods');
      return EXIT_FAILED;
    case 'timeout':
      logger.error({ ...fields, timeoutMs }, 'startup gate timed out');
      return EXIT_FAILED;
    case 'aborted':
      logger.info(fields, 'startup gate interrupted');
      return EXIT_FAILED;
  }
}

async function run(config: Config, env: Env, logger: Logger, signal: AbortSignal): Promise<number> {
  const podInfo = await readPodInfo(config.podInfoDir);
  const kubeConfig = await loadCredentials(env);
  const counts = config.podcliques.map((d) => ({ ...d, ready: 0 }));
  const span = await startWaitSpan({ serviceName: NAME, env, ...podInfo, counts });
  logger.info({ namespace: podInfo.namespace, podGang: podInfo.podGang, dependencies: config.podcliques }, 'startup gate waiting');
  const outcome = await waitForDependencies({
    transport: httpTransport(kubeConfig),
    namespace: podInfo.namespace,
    podGang: podInfo.podGang,
    dependencies: config.podcliques,
    logger,
    onProgress: (c) => logProgress(logger, c),
    signal,
    ...(config.timeoutMs !== undefined && { timeoutMs: config.timeoutMs }),
  });
  const code = logOutcome(logger, outcome, config.timeoutMs);
  await span.end(outcome);
  return code;
}

async function main(argv: readonly string[], env: Env): Promise<void> {
  const config = configOrExit(NAME, () => parseConfig(argv, env));
  const logger = createLogger({ name: NAME, level: config.logLevel });
  if (config.podcliques.length === 0) {
    logger.info({ dependencies: [] }, 'startup gate open');
    process.exit(EXIT_OPEN);
  }
  // Registered before anything slow, so no SIGTERM finds the default handler. The first signal
  // ends the wait (and its span); the exit code is 1 either way, a second signal exits at once.
  const abort = new AbortController();
  let finished: Promise<number> = Promise.resolve(EXIT_FAILED);
  onShutdownSignal(
    async () => {
      abort.abort();
      await finished;
    },
    { logger, deadlineMs: SHUTDOWN_DEADLINE_MS, exitCode: EXIT_FAILED },
  );
  finished = run(config, env, logger, abort.signal).catch((err: unknown) => {
    // Setup errors carry their own one-line reason (which file, which credentials); others are bugs.
    const known = err instanceof PodInfoError || err instanceof CredentialsError;
    const fields = known ? { reason: err.message, ...(err instanceof PodInfoError && { file: err.file }) } : { err };
    logger.error(fields, 'startup gate cannot start');
    return EXIT_FAILED;
  });
  process.exit(await finished);
}

void main(process.argv.slice(2), process.env);
