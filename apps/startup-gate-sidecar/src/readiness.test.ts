import type { WatchEvent } from '@grove/watch-sdk/watch';
import { describe, expect, it } from 'vitest';
import { isCountable, ReadinessTracker, type GatePod } from './readiness.js';

function pod(name: string, ready: boolean, extra: { terminating?: boolean; clique?: string } = {}): GatePod {
  return {
    metadata: {
      name,
      ...(extra.clique !== undefined && { labels: { 'grove.io/podclique': extra.clique } }),
      ...(extra.terminating && { deletionTimestamp: '2026-01-01T00:00:00Z' }),
    },
    status: { conditions: [{ type: 'PodScheduled', status: 'True' }, { type: 'Ready', status: ready ? 'True' : 'False' }] },
  };
}

const added = (object: GatePod): WatchEvent<GatePod> => ({ type: 'ADDED', object });
const modified = (object: GatePod): WatchEvent<GatePod> => ({ type: 'MODIFIED', object });
const deleted = (object: GatePod): WatchEvent<GatePod> => ({ type: 'DELETED', object });
const list = (...items: GatePod[]): WatchEvent<GatePod> => ({ type: 'LIST', items, resourceVersion: '1' });

function tracker(): ReadinessTracker {
  return new ReadinessTracker([
    { fqn: 'a-0-x', minAvailable: 2 },
    { fqn: 'a-0-y', minAvailable: 1 },
  ]);
}

const readyOf = (t: ReadinessTracker) => Object.fromEntries(t.counts().map((c) => [c.fqn, c.ready]));

describe('isCountable', () => {
  it('needs Ready=True and no deletionTimestamp', () => {
    expect(isCountable(pod('p', true))).toBe(true);
    expect(isCountable(pod('p', false))).toBe(false);
    expect(isCountable(pod('p', true, { terminating: true }))).toBe(false);
    expect(isCountable({ metadata: { name: 'p' } })).toBe(false);
  });
});

describe('ReadinessTracker', () => {
  it('counts a pod when it becomes Ready, and opens once every dependency has its count', () => {
    const t = tracker();
    expect(t.apply(list(pod('a-0-x-aaaaa', false)))).toBe(false);
    expect(t.apply(modified(pod('a-0-x-aaaaa', true)))).toBe(true);
    expect(t.apply(added(pod('a-0-x-bbbbb', true)))).toBe(true);
    expect(t.satisfied()).toBe(false);
    t.apply(added(pod('a-0-y-ccccc', true)));
    expect(readyOf(t)).toEqual({ 'a-0-x': 2, 'a-0-y': 1 });
    expect(t.satisfied()).toBe(true);
  });

  it('uncounts a pod that goes not-Ready', () => {
    const t = tracker();
    t.apply(list(pod('a-0-x-aaaaa', true), pod('a-0-x-bbbbb', true)));
    expect(t.apply(modified(pod('a-0-x-aaaaa', false)))).toBe(true);
    expect(readyOf(t)['a-0-x']).toBe(1);
  });

  it('uncounts a pod that is deleted, or terminating though still Ready', () => {
    const t = tracker();
    t.apply(list(pod('a-0-x-aaaaa', true), pod('a-0-x-bbbbb', true)));
    t.apply(modified(pod('a-0-x-aaaaa', true, { terminating: true })));
    t.apply(deleted(pod('a-0-x-bbbbb', true)));
    expect(readyOf(t)['a-0-x']).toBe(0);
  });

  it('counts a replaced pod once: the old one leaves, the new one joins when Ready', () => {
    const t = tracker();
    t.apply(list(pod('a-0-y-aaaaa', true)));
    t.apply(deleted(pod('a-0-y-aaaaa', true)));
    t.apply(added(pod('a-0-y-zzzzz', false)));
    expect(readyOf(t)['a-0-y']).toBe(0);
    t.apply(modified(pod('a-0-y-zzzzz', true)));
    expect(readyOf(t)['a-0-y']).toBe(1);
  });

  it('counts the same pod once however often it is reported Ready', () => {
    const t = tracker();
    t.apply(added(pod('a-0-x-aaaaa', true)));
    expect(t.apply(modified(pod('a-0-x-aaaaa', true)))).toBe(false);
    expect(readyOf(t)['a-0-x']).toBe(1);
  });

  it('replaces its state on a relist, dropping pods deleted while disconnected', () => {
    const t = tracker();
    t.apply(list(pod('a-0-x-aaaaa', true), pod('a-0-x-bbbbb', true)));
    t.apply(list(pod('a-0-x-bbbbb', true)));
    expect(readyOf(t)['a-0-x']).toBe(1);
  });

  it('ignores pods of other cliques, of prefix-sharing cliques, and with a disagreeing label', () => {
    const t = tracker();
    t.apply(list(pod('a-0-xy-aaaaa', true), pod('a-0-x-1-y-aaaaa', true), pod('a-0-x-ccccc', true, { clique: 'a-0-y' }), pod('b-0-x-aaaaa', true)));
    expect(readyOf(t)).toEqual({ 'a-0-x': 0, 'a-0-y': 0 });
  });
});
