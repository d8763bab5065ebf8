import { describe, expect, it } from 'vitest';
import { FakeClock } from '@grove/watch-sdk';
import { compareRank, SchedulingQueue, type Rank } from './scheduling-queue.js';

const rank = (name: string, priority = 0, createdMs = 0): Rank => ({ name, priority, createdMs });

function queueWith(...ranks: Rank[]) {
  const clock = new FakeClock();
  const queue = new SchedulingQueue(clock);
  for (const r of ranks) queue.upsert(r.name, r);
  return { clock, queue };
}

function drain(queue: SchedulingQueue): string[] {
  const out: string[] = [];
  for (let key = queue.pop(); key !== undefined; key = queue.pop()) {
    out.push(key);
    queue.done(key, 'scheduled');
  }
  return out;
}

describe('rank order', () => {
  it('higher priority first, then older, then name', () => {
    const ranks = [rank('c', 0, 5), rank('b', 0, 5), rank('a', 0, 9), rank('old', 0, 1), rank('vip', 100, 99)];
    expect([...ranks].sort(compareRank).map((r) => r.name)).toEqual(['vip', 'old', 'b', 'c', 'a']);
  });

  it('pops units in rank order, a re-ranked unit moving', () => {
    const { queue } = queueWith(rank('a', 0, 1), rank('b', 0, 2), rank('c', 0, 3));
    queue.upsert('c', rank('c', 10, 3));
    expect(drain(queue)).toEqual(['c', 'a', 'b']);
    expect(queue.size).toBe(0);
  });
});

describe('unschedulable units', () => {
  it('stay parked until the cluster changes, and not before their backoff floor', () => {
    const { clock, queue } = queueWith(rank('g'));
    expect(queue.pop()).toBe('g');
    queue.done('g', 'unschedulable');
    expect(queue.pop()).toBeUndefined();
    expect(queue.nextDueInMs()).toBeUndefined(); // parked: no timer without a change
    queue.activateAll();
    expect(queue.hasDue()).toBe(false); // 1 s floor
    expect(queue.nextDueInMs()).toBe(1_000);
    clock.advance(999);
    expect(queue.pop()).toBeUndefined();
    clock.advance(1);
    expect(queue.pop()).toBe('g');
  });

  it('back off exponentially from 1 s to 30 s, and reset after a success', () => {
    const { clock, queue } = queueWith(rank('g'));
    const floors: number[] = [];
    for (let i = 0; i < 7; i++) {
      expect(queue.pop()).toBe('g');
      queue.done('g', 'unschedulable');
      queue.activate('g');
      floors.push(queue.nextDueInMs() ?? -1);
      clock.advance(60_000);
    }
    expect(floors).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
    expect(queue.pop()).toBe('g');
    queue.done('g', 'partial');
    queue.activateAll();
    expect(queue.pop()).toBe('g'); // attempts reset: no floor
  });

  it('a change reported during the cycle retries the unit instead of parking it (no lost wake-up)', () => {
    const { clock, queue } = queueWith(rank('g'));
    expect(queue.pop()).toBe('g');
    queue.activateAll();
    queue.done('g', 'unschedulable');
    expect(queue.stateOf('g')).toBe('backoff');
    clock.advance(1_000);
    expect(queue.pop()).toBe('g');
  });

  it('a failed binding brings a unit that had left back with a backoff step', () => {
    const { clock, queue } = queueWith();
    queue.requeueFailed('g', rank('g'));
    expect(queue.stateOf('g')).toBe('backoff');
    clock.advance(1_000);
    expect(queue.pop()).toBe('g');
  });
});

describe('waiting units (gang not ready)', () => {
  it('ignore cluster changes and come back on their own change, without backoff', () => {
    const { queue } = queueWith(rank('g'), rank('p'));
    expect(queue.pop()).toBe('g');
    queue.done('g', 'waiting');
    expect(queue.pop()).toBe('p');
    queue.done('p', 'unschedulable');
    queue.activateAll();
    expect(queue.stateOf('g')).toBe('waiting');
    queue.activate('g');
    expect(queue.pop()).toBe('g');
  });
});

describe('bookkeeping', () => {
  it('forgets gone and scheduled units; counts by state', () => {
    const { queue } = queueWith(rank('gang:a'), rank('gang:b'), rank('pod:c'));
    expect(queue.pop()).toBe('gang:a');
    queue.done('gang:a', 'gone');
    expect(queue.count((key) => key.startsWith('gang:'))).toBe(1);
    queue.remove('pod:c');
    expect(queue.keys()).toEqual(['gang:b']);
    expect(drain(queue)).toEqual(['gang:b']);
  });

  it('hands out thousands of units in order (heap with stale entries)', () => {
    const { queue } = queueWith();
    const names = Array.from({ length: 2_000 }, (_, i) => `u${String(i).padStart(4, '0')}`);
    for (const name of [...names].reverse()) queue.upsert(name, rank(name, 0, 7));
    for (const name of names.slice(0, 500)) queue.upsert(name, rank(name, 0, 7)); // stale duplicates
    expect(drain(queue)).toEqual(names);
  });
});
