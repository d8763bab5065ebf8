/**
 * A manager and controller against the real API server: 1,000 rapid updates to one object cause
 * far fewer reconciles (dedup by key), never two at once for the key, and the last state wins.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { CoreV1Api } from '@kubernetes/client-node';
import { adminKubeConfig, eventually, useTestNamespace } from '@grove/testing';
import { createLogger } from '@grove/telemetry';
import { createMetricsRegistry } from '@grove/telemetry/metrics';
import { describe, expect, it } from 'vitest';
import { done, toObjectKeys } from '../src/controller/index.js';
import type { KubeObject } from '../src/watch/index.js';
import { createManager } from '../src/manager/index.js';
import { CONFIGMAPS, configMap, FAST_STREAMS } from './support.js';

const kc = adminKubeConfig();
const core = kc.makeApiClient(CoreV1Api);
const UPDATES = 1000;
const WRITERS = 20;
const RECONCILE_MS = 500;

type ConfigMapLike = KubeObject & { data?: Record<string, string> };

describe('controller on the real API server', () => {
  const ns = useTestNamespace(() => kc, 'controller');

  it('coalesces 1,000 rapid updates of one object into far fewer reconciles, and the last state wins', async () => {
    const namespace = ns();
    await core.createNamespacedConfigMap({ namespace, body: configMap('hot', { n: '0' }) });
    const registry = createMetricsRegistry({ defaultMetrics: false });
    const manager = createManager({ kubeConfig: kc, logger: createLogger({ name: 'test', level: 'silent' }) }, { registry, streamOptions: FAST_STREAMS });
    const seen: string[] = [];
    let running = 0;
    let overlapped = false;
    const hot = (name: string) => name === 'hot'; // the namespace also holds kube-root-ca.crt
    manager.addController({
      name: 'hot-configmaps',
      workers: 4,
      watches: (informers) => [informers.informer<ConfigMapLike>(CONFIGMAPS, { namespace }).events$().pipe(toObjectKeys())],
      reconcile: async (key) => {
        if (!hot(key.name)) return done();
        overlapped ||= running > 0;
        running++;
        // Level-triggered: read the current state from the cache, never from an event.
        const cm = manager.informers.informer<ConfigMapLike>(CONFIGMAPS, { namespace }).store.get(`${key.namespace}/${key.name}`);
        seen.push(cm?.data?.['n'] ?? 'absent');
        // Slow next to the writes, on any machine: the dedup shows as the ratio of the two.
        await sleep(RECONCILE_MS);
        running--;
        return done();
      },
    });
    expect(await manager.start()).toBe(true);
    try {
      // Writers in parallel, so updates come much faster than reconciles, as on a busy cluster.
      let next = 1;
      const writer = async () => {
        for (let n = next++; n <= UPDATES; n = next++) {
          await core.replaceNamespacedConfigMap({ namespace, name: 'hot', body: configMap('hot', { n: String(n) }) });
        }
      };
      await Promise.all(Array.from({ length: WRITERS }, writer));
      const last = (await core.readNamespacedConfigMap({ namespace, name: 'hot' })).data?.['n'];
      await eventually(() => expect(seen.at(-1)).toBe(last));
      expect(seen.length).toBeLessThan(UPDATES / 4);
      expect(overlapped).toBe(false);
      const metrics = await registry.metrics();
      expect(metrics).toMatch(/controller_runtime_reconcile_total\{controller="hot-configmaps",result="success"\} \d+/);
      expect(metrics).toMatch(/workqueue_adds_total\{name="hot-configmaps",controller="hot-configmaps"\} \d+/);
    } finally {
      await manager.stop();
    }
  });
});
