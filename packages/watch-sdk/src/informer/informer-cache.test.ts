import { of } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { ScriptedTransport } from '../watch/fake-transport.js';
import type { KubeObject } from '../watch/types.js';
import { byLabel } from './indexers.js';
import { InformerCache } from './informer-cache.js';

const PODS = { group: '', version: 'v1', plural: 'pods', namespaced: true };
const NODES = { group: '', version: 'v1', plural: 'nodes', namespaced: false };

describe('InformerCache', () => {
  it('shares one informer, and so one watch, per kind and selection', async () => {
    const page = { items: [{ metadata: { namespace: 'ns', name: 'p', labels: { app: 'x' } } }], resourceVersion: '3' };
    const transport = new ScriptedTransport([of(page), of({ items: [], resourceVersion: '3' })]);
    const cache = new InformerCache({ transport });
    const first = cache.informer<KubeObject>(PODS);
    const second = cache.informer<KubeObject>(PODS, { indexers: { app: byLabel('app') } });
    const nodes = cache.informer<KubeObject>(NODES);
    expect(second).toBe(first);
    expect(nodes).not.toBe(first);
    expect(cache.hasSynced).toBe(false);

    cache.start();
    expect(await cache.waitForSync()).toBe(true);
    expect(transport.lists.map((l) => l.path)).toEqual(['/api/v1/pods', '/api/v1/nodes']);
    expect(transport.watches.map((w) => w.path)).toEqual(['/api/v1/pods', '/api/v1/nodes']);
    expect(first.store.byIndex('app', 'x')).toHaveLength(1);
    cache.stop();
  });

  it('starts an informer requested after start at once', () => {
    const transport = new ScriptedTransport();
    const cache = new InformerCache({ transport });
    cache.start();
    cache.informer(PODS, { namespace: 'ns', labelSelector: 'a=b' });
    expect(transport.lists).toEqual([{ path: '/api/v1/namespaces/ns/pods', labelSelector: 'a=b', limit: 500 }]);
    cache.stop();
  });
});
