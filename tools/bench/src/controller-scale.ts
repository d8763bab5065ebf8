/**
 * Controller scale (issue 5): the podcliqueset-controller and the scalinggroup-controller, as real
 * processes started from source, against a private cluster with KWOK nodes (own state folder, port
 * base 18640; the shared cluster on 16440 is never touched). Applies N PodCliqueSets of the
 * multi-node disaggregated shape (10 pods each) at once and prints, never asserts:
 *
 * - time from the first apply until every expected pod exists, until every pod is Running and
 *   Ready, and until every PodGang is `Initialized=True`;
 * - API requests the controllers made (`grove_kube_api_requests_total` from their /metrics, before
 *   the apply and once their request counts stop moving), per pod and by verb and resource;
 * - each controller's CPU seconds (user+sys of its own process, children excluded) and peak RSS.
 *
 *   npx nx run @grove/bench:bench:controllers                 # 100 PodCliqueSets, 200 nodes
 *   node --conditions=@grove/source --import tsx tools/bench/src/controller-scale.ts 100 200
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { ApiException, CoreV1Api, CustomObjectsApi, KubeConfig, Watch } from '@kubernetes/client-node';
import { down, parseCommand, REPO_ROOT, silentProgress, status, stderrProgress, up } from '@grove/cluster';
import { cpuSeconds, freePort, peakRssMiB } from './proc.js';
import { DEPLOYABLES, launchCommand, startApp, stopApp, waitReady, type RunningApp } from '@grove/demo';

const PCS_COUNT = Number(process.argv[2] ?? 100);
const NODES = Number(process.argv[3] ?? 200);
const WORKERS = Number(process.argv[4] ?? 4);
const PORT_BASE = '18640';
const NAMESPACE = 'grove-bench';
const APPLY_WRITERS = 16;
/** Generous: on 2 shared cores the whole run takes minutes; this only stops a stuck run. */
const MILESTONE_TIMEOUT_MS = 20 * 60_000;
const READY_TIMEOUT_MS = 120_000;
/** The controllers are done once neither made a request for this long (bounded by SETTLE_MAX_MS). */
const SETTLE_QUIET_MS = 5_000;
const SETTLE_MAX_MS = 90_000;
const CONTROLLERS = ['podcliqueset-controller', 'scalinggroup-controller'] as const;
const REPRODUCE = `npx nx run @grove/bench:bench:controllers   # = node --conditions=@grove/source --import tsx tools/bench/src/controller-scale.ts ${PCS_COUNT} ${NODES} ${WORKERS}`;

const progress = stderrProgress();

// ---- the workload ----------------------------------------------------------------------------

interface Clique {
  readonly name: string;
  readonly replicas: number;
}

const STANDALONE: readonly Clique[] = [{ name: 'router', replicas: 3 }];
const GROUPS: readonly { name: string; replicas: number; cliques: readonly Clique[] }[] = [
  { name: 'prefill', replicas: 1, cliques: [{ name: 'pleader', replicas: 1 }, { name: 'pworker', replicas: 3 }] },
  { name: 'decode', replicas: 1, cliques: [{ name: 'dleader', replicas: 1 }, { name: 'dworker', replicas: 2 }] },
];
const PODS_PER_PCS =
  STANDALONE.reduce((n, c) => n + c.replicas, 0) + GROUPS.reduce((n, g) => n + g.replicas * g.cliques.reduce((m, c) => m + c.replicas, 0), 0);
/** One base gang per PCS replica; PCSG replicas beyond minAvailable (1) would add scaled gangs. */
const GANGS_PER_PCS = 1 + GROUPS.reduce((n, g) => n + g.replicas - 1, 0);

function cliqueTemplate(clique: Clique) {
  return {
    name: clique.name,
    spec: {
      roleName: clique.name,
      replicas: clique.replicas,
      podSpec: {
        containers: [{ name: clique.name, image: 'registry.local/bench:1', resources: { requests: { cpu: '10m', memory: '32Mi' } } }],
      },
    },
  };
}

/** packages/api/test/fixtures/…/multi-node-disaggregated.yaml, resized to 10 pods, plus a router. */
function podCliqueSet(name: string) {
  return {
    apiVersion: 'grove.io/v1alpha1',
    kind: 'PodCliqueSet',
    metadata: { name, namespace: NAMESPACE },
    spec: {
      replicas: 1,
      template: {
        cliques: [...STANDALONE, ...GROUPS.flatMap((g) => g.cliques)].map(cliqueTemplate),
        podCliqueScalingGroups: GROUPS.map((g) => ({ name: g.name, cliqueNames: g.cliques.map((c) => c.name), replicas: g.replicas })),
      },
    },
  };
}

// ---- processes -------------------------------------------------------------------------------

async function startController(name: (typeof CONTROLLERS)[number], kubeconfig: string, logDir: string): Promise<RunningApp> {
  const app = DEPLOYABLES.find((d) => d.name === name);
  if (!app) throw new Error(`tools/demo knows no deployable ${name}`);
  const port = await freePort();
  const extra = [`--namespace=${NAMESPACE}`, ...(name === 'podcliqueset-controller' ? [`--workers=${WORKERS}`] : [])];
  return startApp(app, launchCommand(REPO_ROOT, app, kubeconfig, port, extra), logDir, port);
}

/** SIGTERM and wait; SIGKILL if it has not exited after 15 s. */
async function stopController(running: RunningApp): Promise<void> {
  const killer = setTimeout(() => running.child.kill('SIGKILL'), 15_000);
  await stopApp(running);
  clearTimeout(killer);
}

// ---- metrics ---------------------------------------------------------------------------------

/** `grove_kube_api_requests_total` by `verb resource`, and reconciles by result, from /metrics. */
interface Scrape {
  readonly requests: Map<string, number>;
  readonly reconciles: Map<string, number>;
}

const sum = (m: ReadonlyMap<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);

async function scrape(port: number): Promise<Scrape> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const requests = new Map<string, number>();
  const reconciles = new Map<string, number>();
  for (const line of text.split('\n')) {
    const req = /^grove_kube_api_requests_total\{verb="([^"]*)",resource="([^"]*)"\} (\S+)$/.exec(line);
    if (req) requests.set(`${req[1]} ${req[2]}`, Number(req[3]));
    const rec = /^controller_runtime_reconcile_total\{controller="([^"]*)",result="([^"]*)"\} (\S+)$/.exec(line);
    if (rec) reconciles.set(`${rec[1]} ${rec[2]}`, Number(rec[3]));
  }
  return { requests, reconciles };
}

function minus(after: ReadonlyMap<string, number>, before: ReadonlyMap<string, number>): Map<string, number> {
  const out = new Map<string, number>();
  for (const [key, value] of after) {
    const delta = value - (before.get(key) ?? 0);
    if (delta !== 0) out.set(key, delta);
  }
  return out;
}

// ---- watching the outcome --------------------------------------------------------------------

interface Milestones {
  podsExist?: number;
  podsReady?: number;
  gangsInitialized?: number;
}

interface Census {
  readonly pods: Map<string, boolean>;
  readonly gangs: Map<string, boolean>;
  maxPods: number;
}

interface ObjectMeta {
  metadata?: { name?: string; resourceVersion?: string; deletionTimestamp?: string };
}
interface PodLike extends ObjectMeta {
  status?: { phase?: string; conditions?: { type?: string; status?: string }[] };
}

function podReady(pod: PodLike): boolean {
  return pod.status?.phase === 'Running' && (pod.status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

function gangInitialized(gang: PodLike): boolean {
  return (gang.status?.conditions ?? []).some((c) => c.type === 'Initialized' && c.status === 'True');
}

/** Watches `path` until `signal` aborts, resuming from the last resourceVersion (from scratch after a 410). */
function watchForever(kc: KubeConfig, path: string, onEvent: (type: string, object: PodLike) => void, signal: AbortSignal): void {
  const watch = new Watch(kc);
  let resourceVersion: string | undefined;
  const open = () => {
    if (signal.aborted) return;
    const query = { allowWatchBookmarks: true, ...(resourceVersion !== undefined && { resourceVersion }) };
    const again = () => void sleep(500).then(open);
    watch
      .watch(
        path,
        query,
        (type: string, object: PodLike) => {
          if (type === 'ERROR') {
            resourceVersion = undefined;
            return;
          }
          resourceVersion = object.metadata?.resourceVersion ?? resourceVersion;
          if (type !== 'BOOKMARK') onEvent(type, object);
        },
        again,
      )
      .then((aborter) => {
        if (signal.aborted) aborter.abort();
        else signal.addEventListener('abort', () => aborter.abort(), { once: true });
      })
      .catch(again);
  };
  open();
}

function watchOutcome(kc: KubeConfig, census: Census, expected: { pods: number; gangs: number }, started: () => number | undefined, signal: AbortSignal): Promise<Milestones> {
  const milestones: Milestones = {};
  return new Promise((resolve) => {
    const check = () => {
      const t0 = started();
      if (t0 === undefined) return;
      const now = performance.now() - t0;
      const live = [...census.pods.values()];
      census.maxPods = Math.max(census.maxPods, live.length);
      if (milestones.podsExist === undefined && live.length >= expected.pods) milestones.podsExist = now;
      if (milestones.podsReady === undefined && live.filter(Boolean).length >= expected.pods) milestones.podsReady = now;
      if (milestones.gangsInitialized === undefined && [...census.gangs.values()].filter(Boolean).length >= expected.gangs) milestones.gangsInitialized = now;
      if (milestones.podsExist !== undefined && milestones.podsReady !== undefined && milestones.gangsInitialized !== undefined) resolve(milestones);
    };
    const track = (into: Map<string, boolean>, test: (o: PodLike) => boolean) => (type: string, object: PodLike) => {
      const name = object.metadata?.name ?? '';
      if (type === 'DELETED' || object.metadata?.deletionTimestamp) into.delete(name);
      else into.set(name, test(object));
      check();
    };
    watchForever(kc, `/api/v1/namespaces/${NAMESPACE}/pods`, track(census.pods, podReady), signal);
    watchForever(kc, `/apis/scheduler.grove.io/v1alpha1/namespaces/${NAMESPACE}/podgangs`, track(census.gangs, gangInitialized), signal);
    signal.addEventListener('abort', () => resolve(milestones), { once: true });
  });
}

// ---- the run ---------------------------------------------------------------------------------

async function inParallel(total: number, writers: number, write: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: writers }, async () => {
    for (let i = next++; i < total; i = next++) await write(i);
  }));
}

/** Creates, retrying what the API server pushes back (429 from priority and fairness, 5xx). */
async function createWithRetry(create: () => Promise<unknown>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await create();
      return;
    } catch (err) {
      const code = err instanceof ApiException ? err.code : 0;
      if (attempt >= 10 || !(code === 429 || code >= 500)) throw err;
      await sleep(200 * attempt);
    }
  }
}

const seconds = (ms: number | undefined) => (ms === undefined ? 'not reached' : `${(ms / 1000).toFixed(1)} s`);

function topEntries(m: ReadonlyMap<string, number>, n: number): string {
  return [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${k} ${v}`).join(', ');
}

function problemLines(logFile: string): string[] {
  try {
    return readFileSync(logFile, 'utf8').split('\n').filter((line) => /"level":"(warn|error|fatal)"/.test(line));
  } catch {
    return [];
  }
}

interface Cleanup {
  run: () => Promise<void>;
}

function cleanupOnce(work: () => Promise<void>): Cleanup {
  let running: Promise<void> | undefined;
  return { run: () => (running ??= work()) };
}

async function main(): Promise<void> {
  const stateDir = mkdtempSync(join(tmpdir(), 'grove-bench-controllers-'));
  // Apart from the cluster state (purged at the end), so the controller logs stay to be read.
  const logDir = mkdtempSync(join(tmpdir(), 'grove-bench-controller-logs-'));
  const env = { ...process.env, GROVE_CLUSTER_DIR: stateDir };
  const clusterOpts = { ...parseCommand(['up', '--nodes', String(NODES), '--port-base', PORT_BASE], env).options, progress: silentProgress };
  const expected = { pods: PCS_COUNT * PODS_PER_PCS, gangs: PCS_COUNT * GANGS_PER_PCS };
  const watching = new AbortController();
  const controllers: RunningApp[] = [];
  const cleanup = cleanupOnce(async () => {
    watching.abort();
    await Promise.all(controllers.map(stopController));
    await down(clusterOpts, true);
    progress(`controllers and private cluster stopped; controller logs in ${logDir}`);
  });
  const interrupted = (signal: NodeJS.Signals) => {
    progress(`${signal}: stopping the controllers and the private cluster`);
    void cleanup.run().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);

  try {
    progress(`private cluster: ${NODES} KWOK nodes, port base ${PORT_BASE}, state ${stateDir}`);
    let mark = Date.now();
    const info = await up(clusterOpts);
    progress(`cluster up in ${((Date.now() - mark) / 1000).toFixed(1)}s`);
    const kubectl = join(info.binDir, 'kubectl');
    execFileSync(kubectl, ['--kubeconfig', info.kubeconfig, 'apply', '--server-side', '-f', join(REPO_ROOT, 'packages', 'api', 'crds')], { stdio: 'ignore' });
    execFileSync(kubectl, ['--kubeconfig', info.kubeconfig, 'wait', '--for=condition=Established', 'crd', '--all', '--timeout=60s'], { stdio: 'ignore' });
    const kc = new KubeConfig();
    kc.loadFromFile(info.kubeconfig);
    await kc.makeApiClient(CoreV1Api).createNamespace({ body: { metadata: { name: NAMESPACE } } });

    mark = Date.now();
    for (const name of CONTROLLERS) controllers.push(await startController(name, info.kubeconfig, logDir));
    const readyMs = await Promise.all(controllers.map((c) => waitReady(c, READY_TIMEOUT_MS)));
    progress(`controllers ready (${readyMs.map((ms) => `${(ms / 1000).toFixed(1)}s`).join(', ')}); logs in ${logDir}`);

    const census: Census = { pods: new Map(), gangs: new Map(), maxPods: 0 };
    const firstApply: { at?: number } = {};
    const outcome = watchOutcome(kc, census, expected, () => firstApply.at, watching.signal);
    await sleep(2_000); // let the watches open before the first write
    const before = await Promise.all(controllers.map((c) => scrape(c.port)));
    const cpuBefore = controllers.map((c) => cpuSeconds(c.child.pid));
    const cluster = status(clusterOpts).filter((s) => s.pid !== undefined);
    const clusterCpuBefore = cluster.map((s) => cpuSeconds(s.pid));
    const benchCpuBefore = process.cpuUsage();

    const custom = kc.makeApiClient(CustomObjectsApi);
    const t0 = performance.now();
    firstApply.at = t0;
    await inParallel(PCS_COUNT, APPLY_WRITERS, (i) =>
      createWithRetry(() =>
        custom.createNamespacedCustomObject({ group: 'grove.io', version: 'v1alpha1', namespace: NAMESPACE, plural: 'podcliquesets', body: podCliqueSet(`bench-${String(i).padStart(3, '0')}`) }),
      ),
    );
    const appliedMs = performance.now() - t0;
    progress(`applied ${PCS_COUNT} PodCliqueSets in ${seconds(appliedMs)}; waiting for ${expected.pods} pods and ${expected.gangs} PodGangs`);

    const reporter = setInterval(() => {
      const live = [...census.pods.values()];
      const gangs = [...census.gangs.values()];
      progress(`pods ${live.length}/${expected.pods}, ready ${live.filter(Boolean).length}, gangs initialized ${gangs.filter(Boolean).length}/${expected.gangs}`);
    }, 15_000);
    const timeout = setTimeout(() => watching.abort(), MILESTONE_TIMEOUT_MS);
    const milestones = await outcome;
    clearTimeout(timeout);
    clearInterval(reporter);

    // Settle: the controllers keep writing status for a while after the last pod turned Ready.
    const settleStart = performance.now();
    let last = (await Promise.all(controllers.map((c) => scrape(c.port)))).map((s) => sum(s.requests));
    let quietSince = performance.now();
    while (performance.now() - quietSince < SETTLE_QUIET_MS && performance.now() - settleStart < SETTLE_MAX_MS) {
      await sleep(1_000);
      const now = (await Promise.all(controllers.map((c) => scrape(c.port)))).map((s) => sum(s.requests));
      if (now.some((n, i) => n !== last[i])) quietSince = performance.now();
      last = now;
    }
    const settledMs = quietSince - t0;
    const after = await Promise.all(controllers.map((c) => scrape(c.port)));
    const cpuAfter = controllers.map((c) => cpuSeconds(c.child.pid));
    const clusterCpuAfter = cluster.map((s) => cpuSeconds(s.pid));
    const benchCpu = process.cpuUsage(benchCpuBefore);
    const peaks = controllers.map((c) => peakRssMiB(c.child.pid));

    // ---- the figures ----
    const out: string[] = [];
    const reached = milestones.podsExist !== undefined && milestones.podsReady !== undefined && milestones.gangsInitialized !== undefined;
    out.push(`\nController scale: ${PCS_COUNT} PodCliqueSets x ${PODS_PER_PCS} pods (${expected.pods} pods, ${expected.gangs} PodGangs), ${NODES} KWOK nodes, podcliqueset-controller --workers=${WORKERS}`);
    out.push(`machine: ${availableParallelism()} cores (shared with other work), node ${process.version}`);
    out.push(`reproduce: ${REPRODUCE}\n`);
    const figure = (label: string, value: string) => out.push(`  ${label.padEnd(44)}${value.padStart(12)}`);
    figure(`all ${PCS_COUNT} PodCliqueSets created (${APPLY_WRITERS} writers)`, seconds(appliedMs));
    figure('every expected pod exists', seconds(milestones.podsExist));
    figure('every pod Running and Ready', seconds(milestones.podsReady));
    figure('every PodGang Initialized=True', seconds(milestones.gangsInitialized));
    figure(`controllers quiet (no request for ${SETTLE_QUIET_MS / 1000} s)`, seconds(settledMs));
    figure(`most pods seen at once (expected ${expected.pods})`, String(census.maxPods));
    out.push('');
    out.push(`  ${'controller'.padEnd(26)}${'API requests'.padStart(14)}${'per pod'.padStart(10)}${'CPU (run)'.padStart(12)}${'CPU (total)'.padStart(13)}${'peak RSS'.padStart(11)}${'reconciles'.padStart(12)}`);
    const deltas = controllers.map((_, i) => ({
      requests: minus(after[i]?.requests ?? new Map(), before[i]?.requests ?? new Map()),
      reconciles: minus(after[i]?.reconciles ?? new Map(), before[i]?.reconciles ?? new Map()),
    }));
    let totalRequests = 0;
    controllers.forEach((c, i) => {
      const { requests, reconciles } = deltas[i] ?? { requests: new Map<string, number>(), reconciles: new Map<string, number>() };
      const n = sum(requests);
      totalRequests += n;
      const cpuRun = (cpuAfter[i] ?? NaN) - (cpuBefore[i] ?? NaN);
      out.push(
        `  ${c.app.name.padEnd(26)}${String(n).padStart(14)}${(n / expected.pods).toFixed(2).padStart(10)}${`${cpuRun.toFixed(1)} s`.padStart(12)}${`${(cpuAfter[i] ?? NaN).toFixed(1)} s`.padStart(13)}${`${(peaks[i] ?? NaN).toFixed(0)} MiB`.padStart(11)}${String(sum(reconciles)).padStart(12)}`,
      );
    });
    out.push(`  ${'both'.padEnd(26)}${String(totalRequests).padStart(14)}${(totalRequests / expected.pods).toFixed(2).padStart(10)}\n`);
    controllers.forEach((c, i) => {
      out.push(`  ${c.app.name} requests: ${topEntries(deltas[i]?.requests ?? new Map(), 12)}`);
      out.push(`  ${c.app.name} reconciles: ${topEntries(deltas[i]?.reconciles ?? new Map(), 8)}`);
    });
    out.push(`\n  CPU during the run (first apply to quiet), other processes:`);
    cluster.forEach((s, i) => out.push(`    ${s.name.padEnd(26)}${`${((clusterCpuAfter[i] ?? NaN) - (clusterCpuBefore[i] ?? NaN)).toFixed(1)} s`.padStart(10)}`));
    out.push(`    ${'this benchmark (watches)'.padEnd(26)}${`${((benchCpu.user + benchCpu.system) / 1e6).toFixed(1)} s`.padStart(10)}`);
    const problems = controllers.map((c) => ({ name: c.app.name, lines: problemLines(c.logFile) }));
    for (const { name, lines } of problems) {
      out.push(`  ${name}: ${lines.length} warn/error log lines${lines.length > 0 ? `, e.g. ${lines.slice(0, 3).map((l) => l.slice(0, 300)).join('\n      ')}` : ''}`);
    }
    process.stdout.write(`${out.join('\n')}\n`);
    if (!reached) process.exitCode = 1;
  } finally {
    await cleanup.run();
  }
}

await main();
