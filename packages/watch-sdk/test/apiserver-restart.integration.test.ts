/**
 * On a private control plane (its own state folder and ports), because it kills kube-apiserver:
 * a watching informer survives the API server's death and restart, and after etcd compaction makes
 * its resourceVersion too old (410 Gone) it relists; either way its cache converges to the server.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { down, parseCommand, silentProgress, status, up, type ClusterInfo, type ClusterOptions } from '@grove/cluster';
import { eventually } from '@grove/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InformerCache } from '../src/informer/index.js';
import type { KubeObject } from '../src/watch/index.js';
import { cacheState, CONFIGMAPS, configMap, DroppableTransport, FAST_STREAMS, serverState } from './support.js';

// Away from the shared cluster (16440), the foundation's lifecycle test (17440) and benchmarks (18440,
// 18540); `GROVE_WATCH_SDK_PORT_BASE` moves it when something else sits there.
const PORT_BASE = Number(process.env['GROVE_WATCH_SDK_PORT_BASE'] ?? 21440);
const stateDir = mkdtempSync(join(tmpdir(), 'grove-watch-sdk-'));
const parsed = parseCommand(['up', '--nodes', '1', '--no-scheduler', '--port-base', String(PORT_BASE)], {
  ...process.env,
  GROVE_CLUSTER_DIR: stateDir,
});
const opts: ClusterOptions = { ...parsed.options, progress: silentProgress };

/** Compacts etcd's history up to its current revision, through etcd's JSON gateway. */
async function compactEtcd(info: ClusterInfo): Promise<void> {
  const base = `http://127.0.0.1:${info.ports.etcdClient}/v3/kv`;
  const range = await fetch(`${base}/range`, { method: 'POST', body: JSON.stringify({ key: Buffer.from('/').toString('base64') }) });
  const { header } = (await range.json()) as { header: { revision: string } };
  const compacted = await fetch(`${base}/compaction`, { method: 'POST', body: JSON.stringify({ revision: header.revision, physical: true }) });
  expect(compacted.status).toBe(200);
}

describe.sequential('informer across a kube-apiserver restart (private cluster)', () => {
  let info: ClusterInfo;
  let kc: KubeConfig;
  beforeAll(async () => {
    info = await up(opts);
    kc = new KubeConfig();
    kc.loadFromFile(info.kubeconfig);
  });
  afterAll(async () => {
    await down(opts, true);
  });

  it('converges after kube-apiserver is killed and restarted and etcd is compacted, by relisting on 410 Gone', async () => {
    const core = kc.makeApiClient(CoreV1Api);
    const namespace = 'default';
    for (const name of ['stays', 'changes', 'goes']) await core.createNamespacedConfigMap({ namespace, body: configMap(name, { v: '1' }) });
    const transport = new DroppableTransport(kc);
    const counts = { lists: 0, gone: 0, retries: 0 };
    const observer = { listed: () => void counts.lists++, relisting: () => void counts.gone++, retrying: () => void counts.retries++ };
    const cache = new InformerCache({ transport, observer: () => observer, streamOptions: FAST_STREAMS });
    const informer = cache.informer<KubeObject & { data?: Record<string, string> }>(CONFIGMAPS, { namespace });
    cache.start();
    try {
      expect(await informer.waitForSync()).toBe(true);

      // Hold our reconnects while the API server dies, comes back and the world changes.
      transport.drop();
      // A write elsewhere moves etcd's revision past our cursor before the restart, so the new
      // watch cache starts after it (and compaction removes it from etcd): resuming must get 410.
      await core.createNamespacedConfigMap({ namespace: 'kube-system', body: configMap(`rv-bump-${Date.now()}`, {}) });
      process.kill(status(opts).find((s) => s.name === 'kube-apiserver')?.pid as number, 'SIGKILL');
      info = await up(opts);
      await core.replaceNamespacedConfigMap({ namespace, name: 'changes', body: configMap('changes', { v: '2' }) });
      await core.deleteNamespacedConfigMap({ namespace, name: 'goes' });
      await core.createNamespacedConfigMap({ namespace, body: configMap('new', { v: '1' }) });
      await compactEtcd(info);
      transport.release();

      await eventually(async () => expect(cacheState(informer)).toEqual(await serverState(kc, namespace)), { timeoutMs: 60_000 });
      expect(cacheState(informer)).toMatchObject({ stays: { v: '1' }, changes: { v: '2' }, new: { v: '1' } });
      expect(cacheState(informer)).not.toHaveProperty('goes');
      expect(counts.gone).toBeGreaterThanOrEqual(1);
      expect(counts.lists).toBeGreaterThanOrEqual(2);
    } finally {
      cache.stop();
    }
  });
});
