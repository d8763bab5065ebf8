/**
 * One measured pass, scheduler_perf style: the pods (and PodGangs) exist before their scheduler
 * runs; the scheduler is then started alone and timed from its spawn until every pod is bound, or
 * until no pod was bound for `quietMs` (what cannot be placed stays pending).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { KubeConfig, V1Pod } from '@kubernetes/client-node';
import type { PodGang } from '@grove/api';
import { createPodGangs, createPods } from './scheduler-cluster.js';
import type { SchedulerId } from './scheduler-options.js';
import { cpuSeconds, peakRssMiB } from './proc.js';
import { startScheduler, stopScheduler, type ProcessCost, type SchedulerEnv, type SchedulerProcess } from './scheduler-processes.js';
import type { BindTracker } from './scheduler-tracker.js';

export interface WaitOptions {
  readonly quietMs: number;
  readonly timeoutMs: number;
  /** How long to wait for the very first bind (start-up) before giving up. */
  readonly firstBindMs: number;
  readonly progress: (message: string) => void;
}

/** `crashed`: the scheduler process ended by itself; the figures cover what it bound until then. */
export type EndReason = 'all bound' | 'quiet' | 'timeout' | 'crashed';

/** Waits until every pod in `names` is bound, binds stop for `quietMs`, or time runs out. */
export async function waitForBinds(tracker: BindTracker, names: readonly string[], opts: WaitOptions, crashed?: Promise<never>, onFirstBind?: () => void): Promise<EndReason> {
  const started = performance.now();
  let lastReport = started;
  let sawBind = false;
  let abandoned = false;
  const check = async (): Promise<EndReason> => {
    for (;;) {
      if (abandoned) return 'crashed';
      const bound = names.reduce((n, p) => n + (tracker.placement.has(p) ? 1 : 0), 0);
      const now = performance.now();
      if (!sawBind && tracker.lastBindMs !== undefined) {
        sawBind = true;
        onFirstBind?.();
      }
      if (bound === names.length) return 'all bound';
      if (now - started > opts.timeoutMs) return 'timeout';
      const sinceBind = tracker.lastBindMs === undefined ? undefined : tracker.elapsedMs() - tracker.lastBindMs;
      if (sinceBind === undefined ? now - started > opts.firstBindMs : sinceBind > opts.quietMs) return 'quiet';
      if (now - lastReport > 10_000) {
        opts.progress(`  ${bound}/${names.length} bound`);
        lastReport = now;
      }
      await sleep(200);
    }
  };
  if (!crashed) return check();
  return Promise.race([check(), crashed]).catch((err: unknown) => {
    abandoned = true;
    opts.progress(`  ${(err as Error).message}`);
    return 'crashed' as const;
  });
}

/**
 * Keeps the podgang-scheduler's /metrics (cycle and binding histograms) next to its log, for
 * reading where its time went; kube-scheduler's needs authentication and is skipped.
 */
export async function saveMetrics(scheduler: SchedulerProcess, logDir: string, label: string): Promise<void> {
  if (scheduler.id !== 'podgang') return;
  try {
    const text = await (await fetch(`http://127.0.0.1:${scheduler.running.port}/metrics`)).text();
    writeFileSync(join(logDir, `podgang-metrics-${label}-${Date.now()}.txt`), text);
  } catch {
    // Figures only: a scheduler that does not answer has crashed, which the pass reports.
  }
}

export interface PassInput {
  readonly id: SchedulerId;
  readonly pods: readonly V1Pod[];
  readonly podGangs: readonly PodGang[];
}

export interface PassResult {
  readonly id: SchedulerId;
  readonly end: EndReason;
  /** Bind times (ms since the scheduler was spawned) of the pass's pods. */
  readonly bindTimes: ReadonlyMap<string, number>;
  /** Where the pass's pods are bound at the end. */
  readonly placement: ReadonlyMap<string, string>;
  readonly pods: number;
  readonly cost: ProcessCost;
  /** CPU seconds the process had used when its first bind was seen (start-up). */
  readonly cpuAtFirstBind: number;
}

export interface PassContext {
  readonly kc: KubeConfig;
  readonly tracker: BindTracker;
  readonly env: SchedulerEnv;
  readonly wait: WaitOptions;
}

/**
 * Creates the objects, starts the scheduler, waits, and returns the figures. With `keep` the
 * scheduler is left running (for the churn that follows) and returned with the result.
 */
export async function runPass(ctx: PassContext, input: PassInput, keep = false): Promise<{ result: PassResult; scheduler?: SchedulerProcess }> {
  const { kc, tracker } = ctx;
  const names = input.pods.map((p) => p.metadata?.name ?? '');
  ctx.wait.progress(`${input.id}: creating ${input.podGangs.length} PodGangs and ${input.pods.length} pods`);
  await createPodGangs(kc, input.podGangs);
  await createPods(kc, input.pods);
  tracker.mark();
  const scheduler = await startScheduler(input.id, ctx.env);
  ctx.wait.progress(`${input.id}: scheduler started (pid ${scheduler.running.child.pid}, log ${scheduler.running.logFile})`);
  let cpuAtFirstBind = NaN;
  const end = await waitForBinds(tracker, names, ctx.wait, scheduler.crashed, () => (cpuAtFirstBind = cpuSeconds(scheduler.running.child.pid)));
  await saveMetrics(scheduler, ctx.env.logDir, 'pass');
  const wanted = new Set(names);
  const pick = <V>(m: ReadonlyMap<string, V>) => new Map([...m].filter(([k]) => wanted.has(k)));
  const snapshot = { bindTimes: pick(tracker.bindTimes), placement: pick(tracker.placement) };
  const pid = scheduler.running.child.pid;
  const cost = keep ? { cpuSeconds: cpuSeconds(pid), peakRssMiB: peakRssMiB(pid) } : await stopScheduler(scheduler);
  ctx.wait.progress(`${input.id}: ${snapshot.placement.size}/${names.length} bound, ended: ${end}`);
  const result: PassResult = { id: input.id, end, ...snapshot, pods: names.length, cost, cpuAtFirstBind };
  return keep ? { result, scheduler } : { result };
}
