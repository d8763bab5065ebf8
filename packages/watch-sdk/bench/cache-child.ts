/**
 * One side of the cache benchmark, in its own process so memory and CPU are its own: the SDK's
 * informer, client-node's `makeInformer`, or `read-only` (the same watch request over the SDK's HTTP
 * path, bytes counted and nothing parsed or kept: the CPU no cache can avoid), on the pods of one
 * namespace. Talks to the parent over IPC: `ready`, then `filled` when it holds `count` pods, then
 * latencies.
 */
import { CoreV1Api, KubeConfig, makeInformer, type V1Pod } from '@kubernetes/client-node';
import { openRequest } from '../src/http/kube-request.js';
import { InformerCache } from '../src/informer/index.js';
import { httpTransport, type KubeObject } from '../src/watch/index.js';

type Side = 'sdk' | 'client-node' | 'read-only';
interface Handlers {
  size: () => number;
  onObject: (listener: (object: KubeObject) => void) => void;
}

const [side, kubeconfig, namespace, countText] = process.argv.slice(2) as [Side, string, string, string];
const count = Number(countText);
const send = (message: Record<string, unknown>) => process.send?.(message);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

function heapMiB(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

async function startSdk(kc: KubeConfig): Promise<Handlers> {
  const cache = new InformerCache({ transport: httpTransport(kc) });
  const informer = cache.informer<KubeObject>({ group: '', version: 'v1', plural: 'pods', namespaced: true }, { namespace });
  cache.start();
  await informer.waitForSync();
  return {
    size: () => informer.store.size,
    onObject: (listener) => informer.events$().subscribe((event) => listener(event.object)),
  };
}

async function startClientNode(kc: KubeConfig): Promise<Handlers> {
  const core = kc.makeApiClient(CoreV1Api);
  const informer = makeInformer<V1Pod>(kc, `/api/v1/namespaces/${namespace}/pods`, () => core.listNamespacedPod({ namespace }));
  // `informer.list()` copies every cached object into a new array; calling it per event (as the
  // fill check does) would charge makeInformer O(N) per event, so its size is counted from its events.
  let size = 0;
  informer.on('add', () => size++);
  informer.on('delete', () => size--);
  await informer.start();
  return {
    size: () => size,
    onObject: (listener) => {
      informer.on('add', (pod) => listener(pod as KubeObject));
      informer.on('update', (pod) => listener(pod as KubeObject));
    },
  };
}

/** Watches from "now" (the namespace is empty when this starts) and counts event lines. */
async function startReadOnly(kc: KubeConfig): Promise<Handlers> {
  const path = `/api/v1/namespaces/${namespace}/pods`;
  const response = await openRequest(kc, { method: 'GET', path, query: { watch: true, resourceVersion: '0' } });
  let lines = 0;
  let onLine = (): void => undefined;
  response.on('data', (chunk: Buffer) => {
    for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) {
      lines++;
      onLine();
    }
  });
  return { size: () => lines, onObject: (listener) => (onLine = () => listener({})) };
}

async function main(): Promise<void> {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfig);
  const baseline = heapMiB();
  const handlers = side === 'sdk' ? await startSdk(kc) : side === 'client-node' ? await startClientNode(kc) : await startReadOnly(kc);
  // Let the watch connections open first: the SDK opens its watch after the list, so without this
  // its TLS handshake would fall in the measured window and makeInformer's (awaited by start) not.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const cpuAtReady = process.cpuUsage();
  const seen = new Set<string>();
  let filled = false;
  handlers.onObject((object) => {
    const annotations = (object.metadata as { annotations?: Record<string, string> } | undefined)?.annotations;
    const writtenAt = annotations?.['bench.grove.io/written-at'];
    if (writtenAt !== undefined && !seen.has(writtenAt)) {
      seen.add(writtenAt);
      send({ type: 'latency', ms: Date.now() - Number(writtenAt) });
    }
    if (!filled && handlers.size() >= count) {
      filled = true;
      const cpu = process.cpuUsage(cpuAtReady);
      send({ type: 'filled', cpuMs: (cpu.user + cpu.system) / 1000, heapMiB: heapMiB() - baseline, rssMiB: process.memoryUsage().rss / 1024 / 1024 });
    }
  });
  send({ type: 'ready' });
}

// The parent ends the children with SIGTERM; exiting normally lets `--cpu-prof`/`--heap-prof` write their files.
process.on('SIGTERM', () => process.exit(0));
await main();
