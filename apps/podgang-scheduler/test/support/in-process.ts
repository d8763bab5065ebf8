/**
 * The scheduler under test, in-process against the shared cluster, with a scheduler name unique to
 * the run so it never touches anyone else's pods. `GROVE_TEST_LOG=<file>` keeps its debug logs.
 */
import { randomBytes } from 'node:crypto';
import { destination } from 'pino';
import { Registry } from 'prom-client';
import { createLogger } from '@grove/telemetry';
import { adminKubeConfig } from '@grove/testing';
import { afterAll, beforeAll } from 'vitest';
import { startScheduler, type SchedulerOptions } from '../../src/start.js';

export interface RunningScheduler {
  readonly schedulerName: string;
  readonly registry: Registry;
}

/** `options` tune the scheduler (e.g. `bindConcurrency`); its name is always a fresh one. */
export function useScheduler(options: Omit<SchedulerOptions, 'schedulerName'> = {}): () => RunningScheduler {
  const schedulerName = `podgang-scheduler-it-${randomBytes(3).toString('hex')}`;
  const registry = new Registry();
  const abort = new AbortController();
  const hooks: (() => Promise<void>)[] = [];
  beforeAll(async () => {
    const logFile = process.env['GROVE_TEST_LOG'];
    const logger = createLogger({
      name: 'podgang-scheduler',
      level: logFile === undefined ? 'silent' : 'debug',
      base: { scheduler: schedulerName },
      ...(logFile !== undefined && { destination: destination({ dest: logFile, sync: true, append: true }) }),
    });
    await startScheduler({ kubeConfig: adminKubeConfig(), logger, signal: abort.signal, onShutdown: (hook) => hooks.push(hook) }, { ...options, schedulerName }, registry);
  });
  afterAll(async () => {
    abort.abort();
    for (const hook of hooks.reverse()) await hook();
  });
  return () => ({ schedulerName, registry });
}
