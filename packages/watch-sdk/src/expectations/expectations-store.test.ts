import { describe, expect, it } from 'vitest';
import { FakeClock } from '../queue/clock.js';
import { expectationKey, ExpectationsStore } from './expectations-store.js';

const parent = expectationKey({ metadata: { namespace: 'ns', name: 'pclq', uid: 'u1' } });

describe('ExpectationsStore', () => {
  it('is unsatisfied until the cache shows the created children', () => {
    const store = new ExpectationsStore();
    store.expectCreations(parent, ['pod-a', 'pod-b']);
    expect(store.satisfied(parent)).toBe(false);
    store.sync(parent, ['pod-a', 'older-pod']);
    expect(store.pendingCreations(parent)).toEqual(['pod-b']);
    expect(store.satisfied(parent)).toBe(false);
    store.sync(parent, ['pod-a', 'pod-b']);
    expect(store.satisfied(parent)).toBe(true);
  });

  it('is unsatisfied until deleted children are gone from the cache', () => {
    const store = new ExpectationsStore();
    store.expectDeletions(parent, ['pod-a']);
    store.sync(parent, ['pod-a']);
    expect(store.pendingDeletions(parent)).toEqual(['pod-a']);
    store.sync(parent, []);
    expect(store.satisfied(parent)).toBe(true);
  });

  it('keys parents by uid, so a recreated parent with the same name starts clean', () => {
    const store = new ExpectationsStore();
    store.expectCreations(parent, ['pod-a']);
    const recreated = expectationKey({ metadata: { namespace: 'ns', name: 'pclq', uid: 'u2' } });
    expect(recreated).toBe('ns/pclq/u2');
    expect(store.satisfied(recreated)).toBe(true);
    store.forget(parent);
    expect(store.satisfied(parent)).toBe(true);
  });

  it('gives up on expectations older than the ttl, counted from the last one recorded', () => {
    const clock = new FakeClock();
    const store = new ExpectationsStore({ clock, ttlMs: 1000 });
    store.expectCreations(parent, ['pod-a']);
    clock.advance(600);
    store.expectCreations(parent, ['pod-b']);
    clock.advance(600);
    expect(store.satisfied(parent)).toBe(false);
    clock.advance(400);
    expect(store.satisfied(parent)).toBe(true);
    expect(store.pendingCreations(parent)).toEqual([]);
  });
});
