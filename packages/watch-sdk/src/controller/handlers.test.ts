import { filter } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';
import type { InformerEvent } from '../informer/shared-informer.js';
import type { KubeObject } from '../watch/types.js';
import { generationChanged, generationOrDeletionChanged, toMappedKeys, toObjectKeys, toOwnerKeys } from './handlers.js';

const scheduler = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

function pod(name: string, owner?: string, generation = 1): KubeObject {
  const ownerReferences = owner ? [{ uid: `uid-${owner}`, kind: 'PodClique', name: owner, controller: true }] : undefined;
  return { metadata: { namespace: 'ns', name, generation, ...(ownerReferences && { ownerReferences }) } };
}

type Event = InformerEvent<KubeObject>;

describe('handler operators', () => {
  it('toObjectKeys: the key of the object of every event', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const events = cold<Event>('a-d-|', { a: { type: 'added', object: pod('p1') }, d: { type: 'deleted', object: pod('p2') } });
      expectObservable(events.pipe(toObjectKeys())).toBe('a-d-|', { a: { namespace: 'ns', name: 'p1' }, d: { namespace: 'ns', name: 'p2' } });
      expectSubscriptions(events.subscriptions).toBe('^---!');
    });
  });

  it('toOwnerKeys: the controlling owner of that kind, old and new when an update moved the child', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const events = cold<Event>('a-u---o|', {
        a: { type: 'added', object: pod('p1', 'pc-a') },
        u: { type: 'updated', old: pod('p1', 'pc-a'), object: pod('p1', 'pc-b') },
        o: { type: 'added', object: pod('orphan') },
      });
      const a = { namespace: 'ns', name: 'pc-a' };
      const b = { namespace: 'ns', name: 'pc-b' };
      expectObservable(events.pipe(toOwnerKeys('PodClique'))).toBe('a-(ab)-|', { a, b });
    });
  });

  it('toOwnerKeys: ignores owners of another kind and owners that do not control', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const notController: KubeObject = { metadata: { namespace: 'ns', name: 'x', ownerReferences: [{ uid: 'u', kind: 'PodClique', name: 'pc' }] } };
      const events = cold<Event>('a-b|', { a: { type: 'added', object: pod('p1', 'pc') }, b: { type: 'added', object: notController } });
      expectObservable(events.pipe(toOwnerKeys('ReplicaSet'))).toBe('---|');
    });
  });

  it('toMappedKeys: the keys a function computes, without duplicates per event', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const events = cold<Event>('u|', { u: { type: 'updated', old: pod('p1'), object: pod('p1') } });
      const toRoot = () => [{ namespace: 'ns', name: 'root' }];
      expectObservable(events.pipe(toMappedKeys(toRoot))).toBe('r|', { r: { namespace: 'ns', name: 'root' } });
    });
  });

  it('generationChanged: drops updates that left the generation alone (status-only changes)', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const events = cold<Event>('s-g-d|', {
        s: { type: 'updated', old: pod('p', undefined, 1), object: pod('p', undefined, 1) },
        g: { type: 'updated', old: pod('p', undefined, 1), object: pod('p', undefined, 2) },
        d: { type: 'deleted', object: pod('p') },
      });
      expectObservable(events.pipe(filter(generationChanged), toObjectKeys())).toBe('--g-d|', {
        g: { namespace: 'ns', name: 'p' },
        d: { namespace: 'ns', name: 'p' },
      });
    });
  });

  it('generationOrDeletionChanged: also lets through the update that sets deletionTimestamp', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const deleting = { ...pod('p', undefined, 1), metadata: { ...pod('p', undefined, 1).metadata, deletionTimestamp: new Date(0) } };
      const events = cold<Event>('s-t|', {
        s: { type: 'updated', old: pod('p', undefined, 1), object: pod('p', undefined, 1) },
        t: { type: 'updated', old: pod('p', undefined, 1), object: deleting },
      });
      expectObservable(events.pipe(filter(generationOrDeletionChanged), toObjectKeys())).toBe('--t|', { t: { namespace: 'ns', name: 'p' } });
    });
  });
});
