/**
 * The SDK's informer cache against client-node's `makeInformer`, side by side on one private cluster
 * (its own ports and state folder; no scheduler, so the pods stay Pending and nothing else writes
 * them). Each side runs in its own process and watches the namespace before the pods exist, so it
 * ingests N ADDED events. Both are configured alike: the namespace, no selector, no indexer, the
 * SDK's default transform. Printed, never asserted:
 *
 * - CPU time to ingest N pod events, and heap held by the cache once it holds N pods;
 * - time from a write (an annotation with the write time) to the handler, over 50 updates;
 * - the CPU floor: a third process reads the same watch over the same HTTPS path and parses
 *   nothing. Most of either cache's CPU is this (TLS, sockets, HTTP), paid once per event as the
 *   API server sends events one at a time; no cache can go below it.
 *
 *   npx nx run @grove/watch-sdk:bench            # 10,000 pods
 *   npx nx run @grove/watch-sdk:bench -- 2000     # fewer, on a busy machine
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { down, parseCommand, silentProgress, up } from '@grove/cluster';
import { requestJson } from '../src/http/kube-request.js';

const COUNT = Number(process.argv[2] ?? 10_000);
const WRITERS = 32;
const LATENCY_SAMPLES = 50;
const NAMESPACE = 'bench';
const SIDES = ['sdk', 'client-node', 'read-only'] as const;

type Message = { type: 'ready' } | { type: 'filled'; cpuMs: number; heapMiB: number; rssMiB: number } | { type: 'latency'; ms: number };

interface Child {
  process: ChildProcess;
  filled: Promise<Extract<Message, { type: 'filled' }>>;
  latencies: number[];
}

function startChild(side: string, kubeconfig: string): Promise<Child> {
  const child = fork(new URL('./cache-child.ts', import.meta.url), [side, kubeconfig, NAMESPACE, String(COUNT)], {
    // BENCH_CHILD_ARGS adds Node flags to every child, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`.
    execArgv: ['--expose-gc', '--conditions=@grove/source', '--import', 'tsx', ...(process.env['BENCH_CHILD_ARGS']?.split(' ').filter(Boolean) ?? [])],
  });
  const latencies: number[] = [];
  let onFilled: (m: Extract<Message, { type: 'filled' }>) => void = () => undefined;
  let onExit: (err: Error) => void = () => undefined;
  const filled = new Promise<Extract<Message, { type: 'filled' }>>((resolve, reject) => {
    onFilled = resolve;
    onExit = reject;
  });
  // A child that dies (a dropped watch, an exception) would otherwise leave the run waiting forever.
  child.on('exit', (code, signal) => onExit(new Error(`the ${side} child exited (${signal ?? `code ${String(code)}`}) before it held ${COUNT} pods`)));
  return new Promise((resolve, reject) => {
    child.on('exit', () => reject(new Error(`the ${side} child exited before it was ready`)));
    child.on('message', (message: Message) => {
      if (message.type === 'ready') resolve({ process: child, filled, latencies });
      else if (message.type === 'filled') onFilled(message);
      else latencies.push(message.ms);
    });
  });
}

async function inParallel(total: number, writers: number, write: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: writers }, async () => {
    for (let i = next++; i < total; i = next++) await write(i);
  }));
}

const pod = (i: number) => ({ metadata: { name: `p-${i}`, labels: { app: 'bench', shard: String(i % 10) } }, spec: { containers: [{ name: 'c', image: 'registry.local/bench:1' }] } });
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)] ?? NaN;
const row = (name: string, sdk: number, cn: number, unit: string) =>
  `${name.padEnd(34)}${`${sdk.toFixed(1)} ${unit}`.padStart(14)}${`${cn.toFixed(1)} ${unit}`.padStart(16)}${(sdk / cn).toFixed(2).padStart(8)}\n`;

async function main(): Promise<void> {
  const stateDir = mkdtempSync(join(tmpdir(), 'grove-bench-cache-'));
  const opts = { ...parseCommand(['up', '--nodes', '1', '--no-scheduler', '--port-base', '18540'], { ...process.env, GROVE_CLUSTER_DIR: stateDir }).options, progress: silentProgress };
  const children: Child[] = [];
  try {
    const info = await up(opts);
    const kc = new KubeConfig();
    kc.loadFromFile(info.kubeconfig);
    const core = kc.makeApiClient(CoreV1Api);
    await core.createNamespace({ body: { metadata: { name: NAMESPACE } } });
    for (const side of SIDES) children.push(await startChild(side, info.kubeconfig));

    const started = Date.now();
    await inParallel(COUNT, WRITERS, (i) => core.createNamespacedPod({ namespace: NAMESPACE, body: pod(i) }));
    process.stdout.write(`created ${COUNT} pods in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    const [sdk, cn, floor] = await Promise.all(children.map((c) => c.filled));

    for (let i = 0; i < LATENCY_SAMPLES; i++) {
      const annotations = { 'bench.grove.io/written-at': String(Date.now()) };
      const path = `/api/v1/namespaces/${NAMESPACE}/pods/p-${i}`;
      await requestJson(kc, { method: 'PATCH', path, contentType: 'application/merge-patch+json', body: { metadata: { annotations } } });
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const [sdkLat, cnLat] = children.map((c) => c.latencies.slice(-LATENCY_SAMPLES));

    process.stdout.write(`\n${''.padEnd(34)}${'SDK'.padStart(14)}${'makeInformer'.padStart(16)}${'ratio'.padStart(8)}\n`);
    process.stdout.write(row(`CPU to ingest ${COUNT} pod events`, sdk?.cpuMs ?? NaN, cn?.cpuMs ?? NaN, 'ms'));
    process.stdout.write(row(`heap for ${COUNT} cached pods`, sdk?.heapMiB ?? NaN, cn?.heapMiB ?? NaN, 'MiB'));
    process.stdout.write(row('resident memory (whole process)', sdk?.rssMiB ?? NaN, cn?.rssMiB ?? NaN, 'MiB'));
    process.stdout.write(row('write to handler, median', median(sdkLat ?? []), median(cnLat ?? []), 'ms'));
    process.stdout.write(row('write to handler, p95', p95(sdkLat ?? []), p95(cnLat ?? []), 'ms'));
    const floorMs = floor?.cpuMs ?? NaN;
    const share = (ms: number | undefined) => `${Math.round((100 * floorMs) / (ms ?? NaN))}%`;
    process.stdout.write(`\nCPU floor (same watch read over HTTPS, nothing parsed): ${floorMs.toFixed(1)} ms, ${share(cn?.cpuMs)} of makeInformer's, ${share(sdk?.cpuMs)} of the SDK's\n`);
  } finally {
    for (const child of children) child.process.kill();
    await down(opts, true);
  }
}

await main();
