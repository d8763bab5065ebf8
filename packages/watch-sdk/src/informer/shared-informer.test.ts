import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { KubeObject, WatchEvent } from '../watch/types.js';
import { byNamespace } from './indexers.js';
import { SharedInformer, type InformerEvent } from './shared-informer.js';

const obj = (name: string, rv: string): KubeObject => ({
  metadata: { namespace: 'ns', name, resourceVersion: rv, managedFields: [{ manager: 'kubectl' }] },
});

function setup() {
  const source = new Subject<WatchEvent<KubeObject>>();
  const informer = new SharedInformer<KubeObject>({ source, indexers: { namespace: byNamespace } });
  const seen: string[] = [];
  const describe = (e: InformerEvent<KubeObject>) => `${e.type}:${e.object.metadata?.name}@${e.object.metadata?.resourceVersion}`;
  informer.events$().subscribe((e) => seen.push(describe(e)));
  return { source, informer, seen, describe };
}

describe('SharedInformer', () => {
  it('is synced after the first list, and turns stream events into added/updated/deleted', () => {
    const { source, informer, seen } = setup();
    informer.start();
    expect(informer.hasSynced).toBe(false);
    source.next({ type: 'LIST', items: [obj('a', '1')], resourceVersion: '1' });
    expect(informer.hasSynced).toBe(true);
    source.next({ type: 'MODIFIED', object: obj('a', '2') });
    source.next({ type: 'ADDED', object: obj('b', '3') });
    source.next({ type: 'DELETED', object: obj('a', '4') });
    expect(seen).toEqual(['added:a@1', 'updated:a@2', 'added:b@3', 'deleted:a@4']);
    expect(informer.store.keys()).toEqual(['ns/b']);
  });

  it('reports objects missed while disconnected when a relist replaces the store', () => {
    const { source, informer, seen } = setup();
    informer.start();
    source.next({ type: 'LIST', items: [obj('a', '1'), obj('b', '1')], resourceVersion: '1' });
    seen.length = 0;
    source.next({ type: 'LIST', items: [obj('b', '7'), obj('c', '8')], resourceVersion: '8' });
    expect(seen).toEqual(['deleted:a@1', 'added:c@8', 'updated:b@7']);
    expect(informer.store.byIndex('namespace', 'ns').map((o) => o.metadata?.name).sort()).toEqual(['b', 'c']);
  });

  it('replays the stored objects to a late subscriber, then live events', () => {
    const { source, informer, describe } = setup();
    informer.start();
    source.next({ type: 'LIST', items: [obj('a', '1')], resourceVersion: '1' });
    const late: string[] = [];
    informer.events$().subscribe((e) => late.push(describe(e)));
    source.next({ type: 'ADDED', object: obj('b', '2') });
    expect(late).toEqual(['added:a@1', 'added:b@2']);
  });

  it('strips managedFields by default', () => {
    const { source, informer } = setup();
    informer.start();
    source.next({ type: 'LIST', items: [obj('a', '1')], resourceVersion: '1' });
    source.next({ type: 'ADDED', object: obj('b', '1') });
    expect(informer.store.list().map((o) => o.metadata?.managedFields)).toEqual([undefined, undefined]);
  });

  it('keeps the whole object minus managedFields by default', () => {
    const { source, informer } = setup();
    informer.start();
    const object = { ...obj('a', '1'), spec: { containers: [{ name: 'c', image: 'registry.local/image:1', resources: {} }] }, status: { phase: 'Pending' } };
    const { managedFields: _managedFields, ...metadata } = object.metadata ?? {};
    const expected = structuredClone({ ...object, metadata });
    source.next({ type: 'ADDED', object });
    expect(informer.store.get('ns/a')).toStrictEqual(expected);
  });

  it('waits for sync, or gives up when aborted; stop closes the source', async () => {
    const { source, informer } = setup();
    informer.start();
    const abort = new AbortController();
    const abandoned = informer.waitForSync(abort.signal);
    abort.abort();
    expect(await abandoned).toBe(false);
    const waiting = informer.waitForSync();
    source.next({ type: 'LIST', items: [], resourceVersion: '1' });
    expect(await waiting).toBe(true);
    informer.stop();
    expect(source.observed).toBe(false);
  });
});
