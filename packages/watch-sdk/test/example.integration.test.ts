/** The controller of docs/sdk.md does what the guide says, on the real API server. */
import { CoreV1Api } from '@kubernetes/client-node';
import { adminKubeConfig, eventually, useTestNamespace } from '@grove/testing';
import { createLogger } from '@grove/telemetry';
import { createMetricsRegistry } from '@grove/telemetry/metrics';
import { describe, expect, it } from 'vitest';
import { createManager } from '../src/manager/index.js';
import { addKeyCounter } from './example/key-counter.js';

const kc = adminKubeConfig();
const core = kc.makeApiClient(CoreV1Api);

describe('the docs/sdk.md example', () => {
  const ns = useTestNamespace(() => kc, 'example');

  it('keeps the key-count annotation of labelled config maps up to date', async () => {
    const namespace = ns();
    const labels = { 'example.grove.io/count': 'true' };
    await core.createNamespacedConfigMap({ namespace, body: { metadata: { name: 'counted', labels }, data: { a: '1', b: '2' } } });
    await core.createNamespacedConfigMap({ namespace, body: { metadata: { name: 'ignored' }, data: { a: '1' } } });
    const manager = createManager({ kubeConfig: kc, logger: createLogger({ name: 'example', level: 'silent' }) }, { registry: createMetricsRegistry() });
    addKeyCounter(manager, kc);
    await manager.start();
    try {
      const annotation = async (name: string) =>
        (await core.readNamespacedConfigMap({ namespace, name })).metadata?.annotations?.['example.grove.io/keys'];
      await eventually(async () => expect(await annotation('counted')).toBe('2'));
      const current = await core.readNamespacedConfigMap({ namespace, name: 'counted' });
      await core.replaceNamespacedConfigMap({ namespace, name: 'counted', body: { ...current, data: { a: '1', b: '2', c: '3' } } });
      await eventually(async () => expect(await annotation('counted')).toBe('3'));
      expect(await annotation('ignored')).toBeUndefined();
    } finally {
      await manager.stop();
    }
  });
});
