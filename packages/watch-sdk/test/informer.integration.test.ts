/**
 * The shared informer against the real API server: its cache converges to the server's state
 * through creates, updates, deletes and label changes, and after a dropped watch it resumes from
 * its resourceVersion (no relist) without losing what changed meanwhile.
 */
import { CoreV1Api } from '@kubernetes/client-node';
import { adminKubeConfig, eventually, useTestNamespace } from '@grove/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { InformerCache, type SharedInformer } from '../src/informer/index.js';
import type { KubeObject, ListWatchObserver } from '../src/watch/index.js';
import { cacheState, CONFIGMAPS, configMap, DroppableTransport, FAST_STREAMS, serverState } from './support.js';

const kc = adminKubeConfig();
const core = kc.makeApiClient(CoreV1Api);
const WATCHED = { 'grove.io/watched': 'yes' };
const SELECTOR = 'grove.io/watched=yes';

type ConfigMapLike = KubeObject & { data?: Record<string, string> };

describe('shared informer on the real API server', () => {
  const ns = useTestNamespace(() => kc, 'informer');
  let cache: InformerCache | undefined;
  afterEach(() => cache?.stop());

  function start(transport: DroppableTransport, observer: ListWatchObserver = {}): SharedInformer<ConfigMapLike> {
    cache = new InformerCache({ transport, observer: () => observer, streamOptions: FAST_STREAMS });
    const informer = cache.informer<ConfigMapLike>(CONFIGMAPS, { namespace: ns(), labelSelector: SELECTOR });
    cache.start();
    return informer;
  }

  it('converges to the server through creates, updates, deletes and a label that stops matching', async () => {
    const namespace = ns();
    for (const name of ['a', 'b', 'c']) await core.createNamespacedConfigMap({ namespace, body: configMap(name, { v: '1' }, WATCHED) });
    await core.createNamespacedConfigMap({ namespace, body: configMap('unwatched', { v: '1' }) });
    const informer = start(new DroppableTransport(kc));
    expect(await informer.waitForSync()).toBe(true);
    expect(Object.keys(cacheState(informer)).sort()).toEqual(['a', 'b', 'c']);

    await core.replaceNamespacedConfigMap({ namespace, name: 'a', body: configMap('a', { v: '2' }, WATCHED) });
    await core.deleteNamespacedConfigMap({ namespace, name: 'b' });
    await core.replaceNamespacedConfigMap({ namespace, name: 'c', body: configMap('c', { v: '1' }) });
    await core.createNamespacedConfigMap({ namespace, body: configMap('d', { v: '1' }, WATCHED) });

    await eventually(async () => expect(cacheState(informer)).toEqual(await serverState(kc, namespace, SELECTOR)));
    expect(cacheState(informer)).toEqual({ a: { v: '2' }, d: { v: '1' } });
    expect(informer.store.list().every((cm) => cm.metadata?.managedFields === undefined)).toBe(true);
  });

  it('resumes a dropped watch from its resourceVersion, losing nothing that changed meanwhile', async () => {
    const namespace = ns();
    for (const name of ['keep', 'change', 'remove']) {
      await core.createNamespacedConfigMap({ namespace, body: configMap(name, { v: '1' }, WATCHED) });
    }
    const transport = new DroppableTransport(kc);
    let lists = 0;
    const informer = start(transport, { listed: () => void lists++ });
    await informer.waitForSync();

    transport.drop();
    await core.replaceNamespacedConfigMap({ namespace, name: 'change', body: configMap('change', { v: '2' }, WATCHED) });
    await core.deleteNamespacedConfigMap({ namespace, name: 'remove' });
    await core.createNamespacedConfigMap({ namespace, body: configMap('new', { v: '1' }, WATCHED) });
    transport.release();

    await eventually(async () => expect(cacheState(informer)).toEqual(await serverState(kc, namespace, SELECTOR)));
    expect(cacheState(informer)).toEqual({ keep: { v: '1' }, change: { v: '2' }, new: { v: '1' } });
    // Resumed, not relisted: the changes came as watch events on a watch from the old cursor.
    expect(lists).toBe(1);
    expect(transport.lists).toHaveLength(1);
    expect(transport.watches.length).toBeGreaterThanOrEqual(2);
  });
});
