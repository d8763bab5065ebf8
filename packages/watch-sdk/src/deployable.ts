/**
 * The skeleton every controller deployable runs: JSON logs, `/healthz` and `/readyz`, graceful
 * shutdown on SIGTERM/SIGINT, and readiness once the API server answers. An app's `main.ts` parses
 * its config and hands it to {@link runDeployable}; the controllers it will run plug in at `onReady`.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import {
  createLogger,
  onShutdownSignal,
  startHealthServer,
  type Logger,
  type LoggerConfig,
  type MetricsSource,
  type ShutdownOptions,
} from '@grove/telemetry';
import type { ControllerConfig } from './controller-config.js';

const SHUTDOWN_DEADLINE_MS = 10_000;

/** What a deployable gets once the API server answered. */
export interface ReadyContext {
  kubeConfig: KubeConfig;
  logger: Logger;
  /** Aborted when shutdown starts. */
  signal: AbortSignal;
  /**
   * Registers cleanup that shutdown waits for before exiting (e.g. removing webhook
   * configurations); hooks run in reverse order of registration, within the shutdown deadline.
   */
  onShutdown: (hook: () => Promise<void>) => void;
}

export interface DeployableOptions {
  /** The deployable's name: the `name` of every log line. */
  name: string;
  config: ControllerConfig;
  /** Fields added to every log line (e.g. the scheduler name). */
  logFields?: Record<string, unknown>;
  /** Served on `/metrics` by the health server (e.g. a registry from `@grove/telemetry/metrics`). */
  metrics?: MetricsSource;
  /** Runs after the API server answered; `/readyz` turns 200 only once it resolves. */
  onReady?: (context: ReadyContext) => void | Promise<void>;
}

/** The process boundary, replaced in tests: signals, exit and where log lines go. */
export interface ProcessHooks {
  signals?: ShutdownOptions['source'];
  exit?: ShutdownOptions['exit'];
  logDestination?: LoggerConfig['destination'];
}

function deployableLogger(options: DeployableOptions, hooks: ProcessHooks): Logger {
  const { name, config, logFields } = options;
  return createLogger({
    name,
    level: config.logLevel,
    ...(logFields && { base: logFields }),
    ...(hooks.logDestination && { destination: hooks.logDestination }),
  });
}

/**
 * Starts the deployable and resolves once it is ready, or once shutdown began before that. Rejects
 * when startup fails (e.g. the kubeconfig file cannot be read).
 */
export async function startDeployable(options: DeployableOptions, hooks: ProcessHooks = {}): Promise<void> {
  const { config } = options;
  const logger = deployableLogger(options, hooks);
  const stop = new AbortController();
  const cleanups: (() => Promise<void>)[] = [];
  let ready = false;
  const health = startHealthServer({
    port: config.healthPort,
    host: config.healthHost,
    isReady: () => ready,
    logger,
    ...(options.metrics && { metrics: options.metrics }),
  });
  // Registered before the server reports `listening`, so no SIGTERM finds the default handler.
  onShutdownSignal(
    async () => {
      stop.abort();
      for (const cleanup of cleanups.reverse()) await cleanup().catch((err: unknown) => logger.error({ err }, 'shutdown step failed'));
      await (await health).close();
    },
    { logger, deadlineMs: SHUTDOWN_DEADLINE_MS, ...(hooks.signals && { source: hooks.signals }), ...(hooks.exit && { exit: hooks.exit }) },
  );
  await health;
  // Imported only now: @kubernetes/client-node takes seconds to load, and /healthz should not wait.
  const { loadKubeConfig, waitForApiServer } = await import('./api-server.js');
  const kubeConfig = loadKubeConfig(config.kubeconfig);
  const version = await waitForApiServer({ kubeConfig, logger, signal: stop.signal });
  if (version === undefined) return;
  await options.onReady?.({ kubeConfig, logger, signal: stop.signal, onShutdown: (hook) => cleanups.push(hook) });
  ready = true;
}

/** {@link startDeployable} for a `main.ts`: a startup failure is logged once and exits 1. */
export function runDeployable(options: DeployableOptions): void {
  startDeployable(options).catch((err: unknown) => {
    createLogger({ name: options.name }).error({ err }, 'fatal error');
    process.exit(1);
  });
}
