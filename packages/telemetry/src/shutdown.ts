import type { Logger } from 'pino';

/** The part of `process` the shutdown helper listens on; tests pass an EventEmitter. */
export interface SignalSource {
  on(signal: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown;
  off(signal: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown;
}

export interface ShutdownOptions {
  logger: Pick<Logger, 'info' | 'error'>;
  /** After this many ms without the handler settling, exit 1. */
  deadlineMs: number;
  /** Exit code once the handler resolves; 0 when omitted. */
  exitCode?: number;
  signals?: readonly NodeJS.Signals[];
  /** Injected for tests; `process.exit` by default. */
  exit?: (code: number) => void;
  /** Injected for tests; `process` by default. */
  source?: SignalSource;
}

/**
 * On the first SIGTERM/SIGINT, runs `handler` once and exits with `exitCode` (0) when it resolves, or
 * 1 when it rejects or `deadlineMs` passes. A second signal forces exit 1. Returns a function that
 * removes the listeners.
 */
export function onShutdownSignal(
  handler: (signal: NodeJS.Signals) => void | Promise<void>,
  options: ShutdownOptions,
): () => void {
  const { logger, deadlineMs } = options;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const source: SignalSource = options.source ?? process;
  const signals = options.signals ?? ['SIGTERM', 'SIGINT'];
  let started = false;
  let exited = false;
  let deadline: NodeJS.Timeout | undefined;

  const finish = (code: number): void => {
    clearTimeout(deadline);
    if (exited) return;
    exited = true;
    exit(code);
  };

  const onSignal = (signal: NodeJS.Signals): void => {
    if (started) {
      logger.error({ signal }, 'second signal, forcing exit');
      finish(1);
      return;
    }
    started = true;
    logger.info({ signal, deadlineMs }, 'shutting down');
    deadline = setTimeout(() => {
      logger.error({ deadlineMs }, 'shutdown deadline exceeded');
      finish(1);
    }, deadlineMs);
    Promise.resolve()
      .then(() => handler(signal))
      .then(
        () => {
          logger.info('shutdown complete');
          finish(options.exitCode ?? 0);
        },
        (err: unknown) => {
          logger.error({ err }, 'shutdown failed');
          finish(1);
        },
      );
  };

  for (const signal of signals) source.on(signal, onSignal);
  return () => {
    for (const signal of signals) source.off(signal, onSignal);
  };
}
