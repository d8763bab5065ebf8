/**
 * Startup cost of the bundled gate against the local cluster (`npx nx run
 * @grove/startup-gate-sidecar:bench`; needs a running cluster: `npx grove-cluster up`). Prints, over
 * BENCH_RUNS runs (default 10): the bundle size; the time from spawn to the first list request
 * (the `starting pod watch` line) and to the list's answer; the whole run (its dependency is
 * already Ready, so it exits 0 right after listing); peak RSS (`/usr/bin/time`). `node -e 0` is
 * measured the same way as the floor. Figures are printed, never asserted.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { INIT_CONTAINER } from '@grove/planning';
import { gateKubeconfig } from '../test/integration/support/identity.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BUNDLE = join(root, 'dist', 'bundle', 'startup-gate.mjs');
const RUNS = Number(process.env['BENCH_RUNS'] ?? 10);
const TIME = '/usr/bin/time';

interface Sample {
  toWatchMs?: number;
  toListedMs?: number;
  totalMs: number;
  peakRssKiB: number;
  /** user + system CPU of the whole run: steadier than wall time on a shared machine. */
  cpuMs: number;
  code: number | null;
}

function kubeconfigPath(): string {
  return process.env['KUBECONFIG'] ?? join(root, '..', '..', '.cache', 'cluster', 'kubeconfig');
}

async function setUp(admin: KubeConfig, dir: string): Promise<{ kubeconfig: string; podInfo: string; namespace: string }> {
  const core = admin.makeApiClient(CoreV1Api);
  const namespace = `bench-startup-gate-${process.pid}`;
  await core.createNamespace({ body: { metadata: { name: namespace } } });
  const kubeconfig = await gateKubeconfig(admin, namespace, dir, { withRole: true });

  const labels = { 'grove.io/podgang': 'svc-0', 'grove.io/podclique': 'svc-0-a' };
  const pod = await core.createNamespacedPod({
    namespace,
    body: { metadata: { generateName: 'svc-0-a-', labels }, spec: { schedulerName: 'grove-bench-unscheduled', containers: [{ name: 'c', image: 'x' }] } },
  });
  pod.status = { conditions: [{ type: 'Ready', status: 'True' }] };
  await core.replaceNamespacedPodStatus({ namespace, name: pod.metadata?.name ?? '', body: pod });

  const podInfo = join(dir, 'pod-info');
  mkdirSync(podInfo);
  writeFileSync(join(podInfo, INIT_CONTAINER.namespaceFile), namespace);
  writeFileSync(join(podInfo, INIT_CONTAINER.podGangFile), 'svc-0');
  return { kubeconfig, podInfo, namespace };
}

function runOnce(args: string[], env: Record<string, string>): Promise<Sample> {
  return new Promise((resolveRun, reject) => {
    const start = performance.now();
    const child = spawn(TIME, ['-f', 'RSS_KIB=%M CPU_S=%U+%S', process.execPath, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env['PATH'] ?? '', ...env } });
    const sample: Partial<Sample> = {};
    createInterface({ input: child.stdout }).on('line', (text) => {
      const msg = (JSON.parse(text) as { msg?: string }).msg;
      if (msg === 'starting pod watch') sample.toWatchMs = performance.now() - start;
      if (msg === 'listed pods') sample.toListedMs = performance.now() - start;
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const rss = /RSS_KIB=(\d+)/.exec(stderr)?.[1];
      const cpu = /CPU_S=([\d.]+)\+([\d.]+)/.exec(stderr);
      const cpuMs = cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : NaN;
      resolveRun({ ...sample, totalMs: performance.now() - start, peakRssKiB: Number(rss ?? NaN), cpuMs, code });
    });
  });
}

function stats(values: readonly (number | undefined)[]): string {
  const sorted = values.filter((v): v is number => v !== undefined && Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return '-';
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
  return `median ${at(0.5).toFixed(0)}, p90 ${at(0.9).toFixed(0)}, min ${(sorted[0] as number).toFixed(0)}`;
}

async function main(): Promise<void> {
  const admin = new KubeConfig();
  admin.loadFromFile(kubeconfigPath());
  const dir = mkdtempSync(join(tmpdir(), 'bench-startup-gate-'));
  const { kubeconfig, podInfo, namespace } = await setUp(admin, dir);
  try {
    const gateArgs = [BUNDLE, '--podcliques=svc-0-a:1', `--pod-info-dir=${podInfo}`, '--log-level=debug'];
    const gate: Sample[] = [];
    const floor: Sample[] = [];
    for (let i = 0; i < RUNS; i++) {
      gate.push(await runOnce(gateArgs, { KUBECONFIG: kubeconfig }));
      floor.push(await runOnce(['-e', '0'], {}));
    }
    const failed = gate.filter((s) => s.code !== 0).length;
    const out = [
      `bundle                       ${(statSync(BUNDLE).size / 1024).toFixed(0)} KiB (${BUNDLE})`,
      `runs                         ${RUNS} (${failed} did not exit 0)`,
      `spawn -> first list request  ${stats(gate.map((s) => s.toWatchMs))} ms`,
      `spawn -> list answered       ${stats(gate.map((s) => s.toListedMs))} ms`,
      `spawn -> exit 0 (whole run)  ${stats(gate.map((s) => s.totalMs))} ms`,
      `CPU (user+sys), whole run    ${stats(gate.map((s) => s.cpuMs))} ms`,
      `peak RSS                     ${stats(gate.map((s) => s.peakRssKiB / 1024))} MiB`,
      `node -e 0 (floor)            wall ${stats(floor.map((s) => s.totalMs))} ms, CPU ${stats(floor.map((s) => s.cpuMs))} ms, RSS ${stats(floor.map((s) => s.peakRssKiB / 1024))} MiB`,
      `load average                 ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} CPUs`,
    ];
    process.stdout.write(out.join('\n') + '\n');
  } finally {
    await admin.makeApiClient(CoreV1Api).deleteNamespace({ name: namespace });
  }
}

await main();
