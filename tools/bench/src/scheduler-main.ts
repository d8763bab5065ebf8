/**
 * Scheduler benchmark (issue 7): the podgang-scheduler side by side with kube-scheduler on a private
 * cluster of KWOK GPU nodes, scheduler_perf's method (pods first, then the scheduler alone, bound
 * pods sampled every 1 s). Prints a Markdown table; never asserts. See docs/benchmarks.md.
 *
 *   npx nx run @grove/bench:bench:scheduler                  # full: 1,024 nodes, 10,000 pods
 *   npx nx run @grove/bench:bench:scheduler -- --small       # 64 nodes, 1,000 pods
 */
import { mkdtempSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { status, stderrProgress } from '@grove/cluster';
import { deleteAll, ensureNamespace, nodeTopology, startPrivateCluster, stopPrivateCluster, type PrivateCluster } from './scheduler-cluster.js';
import { gangPods, podGangManifest, plainPods } from './scheduler-manifests.js';
import { nodeCount, parseOptions, reproduceArgs, USAGE, UsageError, type BenchOptions, type SchedulerId } from './scheduler-options.js';
import { runPass, type PassContext, type PassResult } from './scheduler-pass.js';
import { cpuRate, loadAverage, waitIdle } from './proc.js';
import { SCHEDULER_NAMES, stopScheduler, type SchedulerProcess } from './scheduler-processes.js';
import { seededRandom } from './scheduler-random.js';
import { goalLines, passNotes, reportTable, type SchedulerResults } from './scheduler-report.js';
import { BindTracker } from './scheduler-tracker.js';
import { runChurn } from './scheduler-churn.js';
import { churnPlan, gangMix, plainPodNames, type GangSpec } from './scheduler-workload.js';

/** Each pass gets its own namespace, so nothing late from an earlier pass (KWOK works through a
 * backlog and deletes by name) can touch the next pass's pods of the same names. */
const namespaceOf = (id: SchedulerId, workload: 'a' | 'b') => `bench-${id}-${workload}`;
const progress = stderrProgress();

interface Session {
  cluster?: PrivateCluster;
  trackers: BindTracker[];
  schedulers: SchedulerProcess[];
  /** KWOK's pid and its CPU rate with the nodes alone (the idle level `waitIdle` waits for). */
  kwok?: { pid: number; idle: number };
}

async function cleanup(session: Session, opts: BenchOptions): Promise<void> {
  for (const t of session.trackers.splice(0)) t.stop();
  await Promise.all(session.schedulers.splice(0).map(stopScheduler));
  if (session.cluster) await stopPrivateCluster(session.cluster, !opts.keep);
  progress(`private cluster stopped${opts.keep ? ` (state kept in ${session.cluster?.info.stateDir})` : ' and removed'}`);
}

/**
 * Runs `work` in a fresh namespace with its own bind tracker; afterwards deletes its pods and waits
 * until KWOK is idle again, so the next pass starts on a quiet cluster.
 */
async function inNamespace<T>(base: Omit<PassContext, 'tracker'>, session: Session, namespace: string, work: (ctx: PassContext) => Promise<T>): Promise<T> {
  await ensureNamespace(base.kc, namespace);
  const tracker = new BindTracker(base.kc, namespace);
  session.trackers.push(tracker);
  await tracker.start();
  try {
    return await work({ ...base, tracker });
  } finally {
    tracker.stop();
    await deleteAll(base.kc, namespace);
    if (session.kwok) {
      const waited = await waitIdle([session.kwok.pid], session.kwok.idle, 180_000);
      base.wait.progress(`${namespace}: pods deleted; KWOK idle again after ${(waited / 1000).toFixed(0)} s`);
    }
  }
}

function plainPass(base: Omit<PassContext, 'tracker'>, session: Session, id: SchedulerId, opts: BenchOptions): Promise<PassResult> {
  const namespace = namespaceOf(id, 'a');
  const pods = plainPods(plainPodNames(opts.plainPods), namespace, SCHEDULER_NAMES[id]);
  return inNamespace(base, session, namespace, async (ctx) => (await runPass(ctx, { id, pods, podGangs: [] })).result);
}

function gangPass(base: Omit<PassContext, 'tracker'>, session: Session, id: SchedulerId, gangs: readonly GangSpec[], opts: BenchOptions): Promise<SchedulerResults> {
  const namespace = namespaceOf(id, 'b');
  const gangAware = id === 'podgang';
  const pods = gangs.flatMap((g) => gangPods(g, namespace, SCHEDULER_NAMES[id], gangAware));
  const podGangs = gangAware ? gangs.map((g) => podGangManifest(g, namespace)) : [];
  const withChurn = opts.churn > 0 && (gangAware || opts.churnKube);
  return inNamespace(base, session, namespace, async (ctx) => {
    const { result, scheduler } = await runPass(ctx, { id, pods, podGangs }, withChurn);
    if (!scheduler) return { gang: result };
    session.schedulers.push(scheduler);
    const plan = churnPlan(gangs, opts.churn, seededRandom(opts.seed + 1));
    const churn = await runChurn(ctx, { id, namespace, gangs, plan, scheduler, gangAware });
    session.schedulers.splice(session.schedulers.indexOf(scheduler), 1);
    return { gang: result, churn };
  });
}

async function main(argv: readonly string[]): Promise<void> {
  const opts = parseOptions(argv);
  const session: Session = { schedulers: [], trackers: [] };
  const interrupted = (signal: NodeJS.Signals) => {
    progress(`${signal}: stopping the schedulers and the private cluster`);
    void cleanup(session, opts).finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    const { shape } = opts;
    progress(`private cluster: ${nodeCount(shape)} KWOK nodes (${shape.blocks}×${shape.racksPerBlock}×${shape.hostsPerRack}), port base ${opts.portBase}`);
    session.cluster = await startPrivateCluster(shape, opts.portBase);
    const { kc, info } = session.cluster;
    progress(`cluster up; state ${info.stateDir}`);
    const nodes = await nodeTopology(kc);
    const kwokPid = status(session.cluster.options).find((c) => c.name === 'kwok')?.pid;
    if (kwokPid !== undefined) session.kwok = { pid: kwokPid, idle: await cpuRate([kwokPid], 5_000) };
    progress(`KWOK uses ${session.kwok?.idle.toFixed(2) ?? '?'} cores with the nodes alone`);
    const logDir = mkdtempSync(join(tmpdir(), 'grove-bench-scheduler-logs-'));
    const ctx: Omit<PassContext, 'tracker'> = {
      kc,
      env: { binDir: info.binDir, kubeconfig: info.kubeconfig, logDir },
      wait: { quietMs: opts.quietMs, timeoutMs: opts.passTimeoutMs, firstBindMs: 180_000, progress },
    };
    const results: Partial<Record<SchedulerId, SchedulerResults>> = {};
    for (const id of opts.schedulers) {
      if (opts.plainPods > 0) results[id] = { plain: await plainPass(ctx, session, id, opts) };
    }
    const totalGpus = nodes.reduce((s, n) => s + n.gpus, 0);
    const gangs = opts.gpuFill > 0 ? gangMix(totalGpus, opts.gpuFill, seededRandom(opts.seed)) : [];
    for (const id of opts.schedulers) {
      if (gangs.length > 0) results[id] = { ...results[id], ...(await gangPass(ctx, session, id, gangs, opts)) };
    }
    const input = { schedulers: opts.schedulers, results, gangs, nodes, plainPods: opts.plainPods, churnShare: opts.churn };
    const out = [
      '',
      `Scheduler benchmark: ${nodeCount(shape)} KWOK nodes (${shape.blocks} blocks × ${shape.racksPerBlock} racks × ${shape.hostsPerRack} hosts; ${shape.gpusPerNode} nvidia.com/gpu, ${shape.cpuPerNode} CPU, ${shape.memoryPerNode} each), seed ${opts.seed}`,
      `machine: ${availableParallelism()} cores shared with other work, load average at the end ${loadAverage()}, node ${process.version}; scheduler logs in ${logDir}`,
      `kube-scheduler: the cluster's pinned binary, one profile, client QPS/burst 5000; podgang-scheduler: from source via tsx, no client-side limiter`,
      `reproduce: npx nx run @grove/bench:bench:scheduler${reproduceArgs(argv)}`,
      '',
      ...reportTable(input),
      '',
      ...passNotes(input, opts.quietMs / 1000),
      '',
      'goals (printed, not asserted):',
      ...goalLines(input).map((l) => `  ${l}`),
    ];
    process.stdout.write(`${out.join('\n')}\n`);
  } finally {
    await cleanup(session, opts);
  }
}

try {
  await main(process.argv.slice(2));
} catch (err) {
  if (err instanceof UsageError) {
    process.stderr.write(`${err.message}\n${USAGE}\n`);
    process.exitCode = 2;
  } else {
    throw err;
  }
}
