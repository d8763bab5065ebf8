import { describe, expect, it } from 'vitest';
import { FakeClock } from './clock.js';
import type { WorkQueueMetrics } from './metrics.js';
import { WorkQueue } from './work-queue.js';

function setup(backoff = { baseMs: 10, maxMs: 100 }) {
  const clock = new FakeClock();
  const queue = new WorkQueue({ clock, backoff });
  return { clock, queue };
}

/** Every key the queue hands out right now, without waiting. */
async function drainReady(queue: WorkQueue): Promise<string[]> {
  const keys: string[] = [];
  while (queue.length > 0) keys.push((await queue.get()) as string);
  return keys;
}

describe('WorkQueue: dedup and processing', () => {
  it('hands out keys in order and a waiting key only once', async () => {
    const { queue } = setup();
    for (const key of ['a', 'b', 'a', 'c', 'b']) queue.add(key);
    expect(await drainReady(queue)).toEqual(['a', 'b', 'c']);
  });

  it('runs a key re-added while processing once more after done, never twice at once', async () => {
    const { queue } = setup();
    queue.add('a');
    const first = await queue.get();
    queue.add('a');
    queue.add('a');
    expect(queue.length).toBe(0);
    queue.done(first as string);
    expect(await drainReady(queue)).toEqual(['a']);
  });

  it('does not queue a key again after done when it was not re-added', async () => {
    const { queue } = setup();
    queue.add('a');
    queue.done((await queue.get()) as string);
    expect(queue.length).toBe(0);
  });

  it('wakes a waiting get when a key arrives', async () => {
    const { queue } = setup();
    const pending = queue.get();
    queue.add('x');
    expect(await pending).toBe('x');
  });
});

describe('WorkQueue: priority', () => {
  it('hands out every high key before the low keys of the initial list, each fifo in order', async () => {
    const { queue } = setup();
    for (const key of ['l1', 'l2', 'l3']) queue.add(key, 'low');
    queue.add('h1');
    queue.add('h2');
    expect(await drainReady(queue)).toEqual(['h1', 'h2', 'l1', 'l2', 'l3']);
  });

  it('moves a waiting low key up when a real change adds it again, and hands it out once', async () => {
    const { queue } = setup();
    for (const key of ['l1', 'l2', 'l3']) queue.add(key, 'low');
    queue.add('l3');
    queue.add('l2', 'low');
    expect(queue.length).toBe(3);
    expect(await drainReady(queue)).toEqual(['l3', 'l1', 'l2']);
  });

  it('queues a key re-added at high while processing at high after done', async () => {
    const { queue } = setup();
    queue.add('a', 'low');
    const first = (await queue.get()) as string;
    queue.add('a');
    queue.add('b', 'low');
    queue.done(first);
    expect(await drainReady(queue)).toEqual(['a', 'b']);
  });
});

describe('WorkQueue: overall retry limit', () => {
  it('lets a burst of 100 retries through at each key\'s backoff, then spaces them at 10 per second', () => {
    const clock = new FakeClock();
    const queue = new WorkQueue({ clock, backoff: { baseMs: 1, maxMs: 1 } });
    for (let i = 0; i < 103; i++) queue.addRateLimited(`k${i}`);
    clock.advance(1);
    expect(queue.length).toBe(100);
    clock.advance(98);
    expect(queue.length).toBe(100);
    clock.advance(1);
    expect(queue.length).toBe(101);
    clock.advance(200);
    expect(queue.length).toBe(103);
  });
});

describe('WorkQueue: delays', () => {
  it('adds a key after addAfter, keeping the earlier of two times', async () => {
    const { clock, queue } = setup();
    queue.addAfter('a', 50);
    queue.addAfter('a', 20);
    queue.addAfter('a', 80);
    clock.advance(19);
    expect(queue.length).toBe(0);
    clock.advance(1);
    expect(await drainReady(queue)).toEqual(['a']);
    clock.advance(100);
    expect(queue.length).toBe(0);
  });

  it('releases delayed keys in due order', async () => {
    const { clock, queue } = setup();
    queue.addAfter('late', 30);
    queue.addAfter('early', 10);
    queue.addAfter('middle', 20);
    clock.advance(30);
    expect(await drainReady(queue)).toEqual(['early', 'middle', 'late']);
  });

  it('backs off exponentially per key up to the cap, and forget resets it', async () => {
    const { clock, queue } = setup({ baseMs: 10, maxMs: 35 });
    const delays: number[] = [];
    for (let i = 0; i < 4; i++) {
      queue.addRateLimited('a');
      const start = clock.now();
      while (queue.length === 0) clock.advance(1);
      delays.push(clock.now() - start);
      queue.done((await queue.get()) as string);
    }
    expect(delays).toEqual([10, 20, 35, 35]);
    expect(queue.numRequeues('a')).toBe(4);
    queue.forget('a');
    expect(queue.numRequeues('a')).toBe(0);
    queue.addRateLimited('a');
    clock.advance(10);
    expect(queue.length).toBe(1);
  });

  it('keeps the backoff of different keys apart', async () => {
    const { clock, queue } = setup();
    queue.addRateLimited('a');
    clock.advance(10);
    queue.done((await queue.get()) as string);
    queue.addRateLimited('a');
    queue.addRateLimited('b');
    clock.advance(10);
    expect(await drainReady(queue)).toEqual(['b']);
    clock.advance(10);
    expect(await drainReady(queue)).toEqual(['a']);
  });
});

describe('WorkQueue: shutdown', () => {
  it('resolves waiting gets with undefined and refuses new keys', async () => {
    const { clock, queue } = setup();
    const pending = queue.get();
    queue.addAfter('later', 10);
    queue.shutDown();
    expect(await pending).toBeUndefined();
    queue.add('a');
    clock.advance(10);
    expect(await queue.get()).toBeUndefined();
    expect(clock.pendingTimers()).toBe(0);
  });

  it('drains: resolves only once every key handed out is done, and drops re-added ones', async () => {
    const { queue } = setup();
    queue.add('a');
    queue.add('b');
    const a = (await queue.get()) as string;
    queue.add('a');
    let drained = false;
    const drain = queue.shutDownWithDrain().then(() => (drained = true));
    await Promise.resolve();
    expect(drained).toBe(false);
    queue.done(a);
    await drain;
    expect(drained).toBe(true);
    expect(queue.length).toBe(0);
  });

  it('drains at once when nothing is processing', async () => {
    const { queue } = setup();
    await expect(queue.shutDownWithDrain()).resolves.toBeUndefined();
  });
});

describe('WorkQueue: metrics', () => {
  it('reports adds, depth, waiting and working time, retries and work in flight', async () => {
    const { clock } = setup();
    const seen = { added: 0, retried: 0, depth: [] as number[], waited: [] as number[], worked: [] as number[] };
    const metrics: WorkQueueMetrics = {
      added: () => void seen.added++,
      retried: () => void seen.retried++,
      depth: (v) => void seen.depth.push(v),
      waited: (s) => void seen.waited.push(s),
      worked: (s) => void seen.worked.push(s),
    };
    const queue = new WorkQueue({ clock, metrics, backoff: { baseMs: 10, maxMs: 10 } });
    queue.add('a');
    queue.add('a');
    clock.advance(2000);
    const key = (await queue.get()) as string;
    clock.advance(500);
    expect(queue.inFlight()).toEqual({ totalSeconds: 0.5, longestSeconds: 0.5 });
    queue.done(key);
    queue.addRateLimited('a');
    expect(seen).toMatchObject({ added: 1, retried: 1, depth: [1, 0], waited: [2], worked: [0.5] });
  });
});
