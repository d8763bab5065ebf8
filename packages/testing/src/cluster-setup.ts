/**
 * Vitest global setup: one real local cluster per test run. A cluster that is already up (e.g.
 * started by `npm test` before the suites) is reused and left running; one started here is stopped
 * at teardown unless GROVE_KEEP_CLUSTER=1. Use it with `globalSetup: ['@grove/testing/cluster-setup']`.
 */
import { down, parseCommand, stderrProgress, up } from '@grove/cluster';
import type { TestProject } from 'vitest/node';
import './provided-context.js';


export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const parsed = parseCommand(['up'], process.env);
  const opts = { ...parsed.options, progress: stderrProgress() };
  const info = await up(opts);
  project.provide('kubeconfig', info.kubeconfig);
  project.provide('binDir', info.binDir);
  return async () => {
    if (info.reused || process.env['GROVE_KEEP_CLUSTER'] === '1') return;
    await down(opts, false);
  };
}
