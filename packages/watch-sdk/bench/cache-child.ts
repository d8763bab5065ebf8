/**
 * One side of the cache benchmark, in its own process so memory and CPU are its own: the SDK's
 * informer or client-node's `makeInformer`, on the pods of one namespace. Talks to the parent over
 * IPC: `ready` (with its baseline), then `filled` when it caches `count` pods, then latencies.
 */
import { CoreV1Api, KubeConfig, makeInformer, type V1Pod } from '@kubernetes/client-node';
import { InformerCache } from '../src/informer/index.js';
import { httpTransport, type KubeObject } from '../src/watch/index.js';

type Side = 'sdk' | 'client-node';
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
  await informer.start();
  return {
    size: () => informer.list().length,
    onObject: (listener) => {
      informer.on('add', (pod) => listener(pod as KubeObject));
      informer.on('update', (pod) => listener(pod as KubeObject));
    },
  };
}

async function main(): Promise<void> {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfig);
  const baseline = heapMiB();
  const handlers = side === 'sdk' ? await startSdk(kc) : await startClientNode(kc);
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

await main();
