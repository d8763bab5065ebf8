import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../watch/types.js';
import { byLabel, byNamespace, byOwnerUid, labelIndexName, NAMESPACE_INDEX, OWNER_UID_INDEX } from './indexers.js';
import { Store } from './store.js';

function pod(namespace: string, name: string, rv: string, extra: { app?: string; owner?: string } = {}): KubeObject {
  return {
    metadata: {
      namespace,
      name,
      resourceVersion: rv,
      ...(extra.app && { labels: { app: extra.app } }),
      ...(extra.owner && { ownerReferences: [{ uid: extra.owner, kind: 'PodClique', name: 'o' }] }),
    },
  };
}

const names = (objects: KubeObject[]) => objects.map((o) => o.metadata?.name).sort();

function indexedStore(): Store<KubeObject> {
  const store = new Store<KubeObject>();
  store.addIndexer(NAMESPACE_INDEX, byNamespace);
  store.addIndexer(OWNER_UID_INDEX, byOwnerUid);
  store.addIndexer(labelIndexName('app'), byLabel('app'));
  return store;
}

describe('Store', () => {
  it('finds objects by key, namespace, label value and owner UID', () => {
    const store = indexedStore();
    store.upsert(pod('a', 'p1', '1', { app: 'web', owner: 'u1' }));
    store.upsert(pod('a', 'p2', '1', { app: 'db', owner: 'u1' }));
    store.upsert(pod('b', 'p1', '1', { app: 'web' }));
    expect(store.get('a/p2')?.metadata?.labels).toEqual({ app: 'db' });
    expect(names(store.byIndex(NAMESPACE_INDEX, 'a'))).toEqual(['p1', 'p2']);
    expect(store.byIndex(labelIndexName('app'), 'web').map((o) => o.metadata?.namespace).sort()).toEqual(['a', 'b']);
    expect(names(store.byIndex(OWNER_UID_INDEX, 'u1'))).toEqual(['p1', 'p2']);
    expect(store.byIndex(OWNER_UID_INDEX, 'nobody')).toEqual([]);
  });

  it('moves an updated object between index values and drops a deleted one from every index', () => {
    const store = indexedStore();
    store.upsert(pod('a', 'p1', '1', { app: 'web' }));
    store.upsert(pod('a', 'p1', '2', { app: 'db' }));
    expect(store.byIndex(labelIndexName('app'), 'web')).toEqual([]);
    expect(names(store.byIndex(labelIndexName('app'), 'db'))).toEqual(['p1']);
    store.delete(pod('a', 'p1', '3'));
    expect(store.size).toBe(0);
    expect(store.byIndex(NAMESPACE_INDEX, 'a')).toEqual([]);
  });

  it('indexes objects already stored when an index is added later', () => {
    const store = new Store<KubeObject>();
    store.upsert(pod('a', 'p1', '1', { app: 'web' }));
    store.addIndexer('app', byLabel('app'));
    expect(names(store.byIndex('app', 'web'))).toEqual(['p1']);
    expect(() => store.byIndex('missing', 'x')).toThrow(/no index named 'missing'/);
  });

  it('replaces its content, reporting added, updated (by resourceVersion equality) and deleted objects', () => {
    const store = indexedStore();
    store.replace([pod('a', 'same', '5'), pod('a', 'changed', '5'), pod('a', 'gone', '5')]);
    const delta = store.replace([pod('a', 'same', '5'), pod('a', 'changed', '6'), pod('a', 'new', '6')]);
    expect(names(delta.added)).toEqual(['new']);
    expect(delta.updated.map((u) => [u.old.metadata?.resourceVersion, u.object.metadata?.resourceVersion])).toEqual([['5', '6']]);
    expect(names(delta.deleted)).toEqual(['gone']);
    expect(store.keys().sort()).toEqual(['a/changed', 'a/new', 'a/same']);
    expect(names(store.byIndex(NAMESPACE_INDEX, 'a'))).toEqual(['changed', 'new', 'same']);
  });

  it('keys cluster-scoped objects by name', () => {
    const store = new Store<KubeObject>();
    store.upsert({ metadata: { name: 'node-1' } });
    expect(store.get('node-1')).toBeDefined();
  });
});
