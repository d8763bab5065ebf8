import { Subject } from 'rxjs';
import { describe, expect, it, vi } from 'vitest';
import type { ObjectKey } from '../keys.js';
import { FakeClock } from '../queue/clock.js';
import { Controller, type Reconcile, type Syncable } from './controller.js';
import { TerminalError } from './errors.js';
import type { ControllerMetrics } from './metrics.js';
import { done, fail, requeueAfter, type ReconcileResult } from './result.js';

function fakeLogger() {
  const errors: Record<string, unknown>[] = [];
  const logger = {
    info: vi.fn(),
    debug: vi.fn(),
    error: vi.fn((fields: Record<string, unknown>) => void errors.push(fields)),
    child: () => logger,
  };
  return { logger: logger as never, errors };
}

/** A promise with its resolver, to hold a reconcile open. */
function gate() {
  let open = (): void => undefined;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

/** Lets queued microtasks and resolved promises run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

function setup(reconcile: Reconcile, extra: { workers?: number; waitFor?: Syncable[]; metrics?: ControllerMetrics } = {}) {
  const clock = new FakeClock();
  const keys = new Subject<ObjectKey>();
  const log = fakeLogger();
  const controller = new Controller({
    name: 'test',
    reconcile,
    sources: [keys],
    logger: log.logger,
    queue: { clock, backoff: { baseMs: 100, maxMs: 1000 } },
    ...extra,
  });
  return { clock, keys, controller, errors: log.errors };
}

const key = (name: string): ObjectKey => ({ namespace: 'ns', name });

describe('Controller', () => {
  it('never runs one key twice at once, and runs it once more when it changed meanwhile', async () => {
    const held = gate();
    const running = new Map<string, number>();
    let maxConcurrentPerKey = 0;
    const seen: string[] = [];
    const { keys, controller } = setup(
      async (k) => {
        seen.push(k.name);
        running.set(k.name, (running.get(k.name) ?? 0) + 1);
        maxConcurrentPerKey = Math.max(maxConcurrentPerKey, ...running.values());
        await held.promise;
        running.set(k.name, (running.get(k.name) ?? 1) - 1);
        return done();
      },
      { workers: 4 },
    );
    await controller.start();
    keys.next(key('a'));
    await settle();
    for (let i = 0; i < 10; i++) keys.next(key('a'));
    await settle();
    held.open();
    await settle();
    expect(seen).toEqual(['a', 'a']);
    expect(maxConcurrentPerKey).toBe(1);
  });

  it('reconciles different keys in parallel, up to the number of workers', async () => {
    const held = gate();
    let active = 0;
    let peak = 0;
    const { keys, controller } = setup(
      async () => {
        peak = Math.max(peak, ++active);
        await held.promise;
        active--;
        return done();
      },
      { workers: 2 },
    );
    await controller.start();
    for (const name of ['a', 'b', 'c']) keys.next(key(name));
    await settle();
    expect(peak).toBe(2);
    held.open();
    await settle();
    expect(active).toBe(0);
  });

  it('retries an error result and a throw with growing backoff, logging each failure once', async () => {
    const results: (ReconcileResult | Error)[] = [fail(new Error('api down')), new Error('boom'), done()];
    const calls: number[] = [];
    const { clock, keys, controller, errors } = setup(async () => {
      calls.push(clock.now());
      const next = results.shift() ?? done();
      if (next instanceof Error) throw next;
      return next;
    });
    await controller.start();
    keys.next(key('a'));
    await settle();
    clock.advance(100);
    await settle();
    clock.advance(200);
    await settle();
    expect(calls).toEqual([0, 100, 300]);
    expect(errors.map((e) => (e['errors'] as { message: string }[])[0]?.message)).toEqual(['api down', 'boom']);
    expect(controller.queue.numRequeues('ns/a')).toBe(0);
  });

  it('requeues after the asked delay, and never retries a terminal error', async () => {
    const results = [requeueAfter(5000, 'waiting for pods'), fail(new TerminalError('ERR_INVALID_SPEC', 'validate', 'bad spec'))];
    let calls = 0;
    const { clock, keys, controller, errors } = setup(async () => {
      calls++;
      return results.shift() ?? done();
    });
    await controller.start();
    keys.next(key('a'));
    await settle();
    clock.advance(4999);
    await settle();
    expect(calls).toBe(1);
    clock.advance(1);
    await settle();
    expect(calls).toBe(2);
    clock.advance(10_000);
    await settle();
    expect(calls).toBe(2);
    expect(errors[0]).toMatchObject({ terminal: true, errors: [{ code: 'ERR_INVALID_SPEC', operation: 'validate' }] });
  });

  it('waits for its caches before the first reconcile', async () => {
    const synced = gate();
    const cache: Syncable = { waitForSync: () => synced.promise.then(() => true) };
    const seen: string[] = [];
    const { keys, controller } = setup(async (k) => (seen.push(k.name), done()), { waitFor: [cache] });
    const started = controller.start();
    keys.next(key('early'));
    await settle();
    expect(seen).toEqual([]);
    synced.open();
    expect(await started).toBe(true);
    await settle();
    expect(seen).toEqual(['early']);
  });

  it('reconciles changes that arrive after the sync before the keys of the initial list', async () => {
    const synced = gate();
    const cache: Syncable = { waitForSync: () => synced.promise.then(() => true) };
    const seen: string[] = [];
    const hold = gate();
    const { keys, controller } = setup(async (k) => {
      seen.push(k.name);
      if (k.name === 'listed-1') await hold.promise;
      return done();
    }, { waitFor: [cache] });
    const started = controller.start();
    for (const name of ['listed-1', 'listed-2', 'listed-3']) keys.next(key(name));
    synced.open();
    await started;
    // The one worker is busy with listed-1; meanwhile a real change arrives.
    keys.next(key('changed'));
    keys.next(key('listed-3'));
    hold.open();
    await vi.waitFor(() => expect(seen).toHaveLength(4));
    expect(seen).toEqual(['listed-1', 'changed', 'listed-3', 'listed-2']);
  });

  it('stops: lets in-flight work finish, or aborts it at the deadline', async () => {
    const held = gate();
    let signal: AbortSignal | undefined;
    const { clock, keys, controller } = setup(async (_k, ctx) => {
      signal = ctx.signal;
      await held.promise;
      return done();
    });
    await controller.start();
    keys.next(key('a'));
    await settle();
    const stopping = controller.stop(1000);
    await settle();
    clock.advance(1000);
    expect(await stopping).toBe(false);
    expect(signal?.aborted).toBe(true);
    expect(keys.observed).toBe(false);
  });

  it('reports outcomes and durations to its metrics', async () => {
    const outcomes: string[] = [];
    const metrics: ControllerMetrics = {
      reconciled: (outcome) => void outcomes.push(outcome),
      failed: vi.fn(),
      threw: vi.fn(),
      workers: vi.fn(),
    };
    const results = [done(), requeueAfter(1, 'x'), fail(new Error('e'))];
    const { clock, keys, controller } = setup(async () => results.shift() ?? done(), { metrics });
    await controller.start();
    keys.next(key('a'));
    await settle();
    keys.next(key('a'));
    await settle();
    clock.advance(1);
    await settle();
    expect(outcomes).toEqual(['success', 'requeue_after', 'error']);
    expect(metrics.failed).toHaveBeenCalledWith(false);
    expect(metrics.workers).toHaveBeenCalledWith(1, 1);
  });
});
