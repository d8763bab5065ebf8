/**
 * A work queue of string keys with client-go's semantics:
 *
 * - **dedup**: a key that is already waiting is not queued twice (`dirty`);
 * - **one worker per key**: a key handed out by `get` is `processing` until `done`; adding it
 *   meanwhile marks it dirty only, and `done` queues it once more, so the latest state is always
 *   reconciled and never by two workers at the same time;
 * - **delays**: `addAfter(key, ms)`, and `addRateLimited(key)` with per-key exponential backoff
 *   that `forget(key)` resets, never faster overall than a token bucket (10/s, burst 100);
 * - **priority**: keys of the initial list are added `low` and handed out after every `high` key;
 *   a low key added again at `high` moves up;
 * - **shutdown**: `shutDown` stops handing out keys and accepting new ones; `shutDownWithDrain`
 *   also waits until every key handed out is `done`.
 *
 * One deliberate difference from client-go: after shutdown, keys still waiting are dropped rather
 * than handed out. Reconciles are level-triggered, so whoever runs next (this process after a
 * restart, or the new leader) lists everything and reconciles it anyway; starting new work during
 * a shutdown only makes the deadline harder to meet.
 */
import { ExponentialBackoff, type BackoffOptions } from './backoff.js';
import { systemClock, type Clock } from './clock.js';
import { DelayedAdds } from './delayed-adds.js';
import { Fifo } from './fifo.js';
import { TokenBucket, type TokenBucketOptions } from './token-bucket.js';
import { noopQueueMetrics, type InFlightWork, type WorkQueueMetrics } from './metrics.js';

export interface WorkQueueOptions {
  clock?: Clock;
  backoff?: BackoffOptions;
  /** The overall limit on rate-limited adds (retries), on top of each key's backoff. */
  overallLimit?: TokenBucketOptions;
  metrics?: WorkQueueMetrics;
}

/**
 * `low` is for keys from the initial list: after a restart every object is queued once, and a real
 * change that arrives meanwhile should not wait behind all of them (controller-runtime's priority
 * queue does the same).
 */
export type Priority = 'high' | 'low';

export class WorkQueue {
  private readonly fifos: Record<Priority, Fifo> = { high: new Fifo(), low: new Fifo() };
  /** Keys waiting in a fifo, with the one they count in (a promoted key leaves a stale entry behind). */
  private readonly waiting = new Map<string, Priority>();
  /** Keys that need processing: waiting, or re-added while processing (with the priority to queue them at). */
  private readonly dirty = new Map<string, Priority>();
  /** Keys handed out and not yet done, with the time they were handed out. */
  private readonly processing = new Map<string, number>();
  /** When each dirty key was first added, for the queue-duration metric. */
  private readonly addedAt = new Map<string, number>();
  private getters: ((key: string | undefined) => void)[] = [];
  private drainers: (() => void)[] = [];
  private shuttingDown = false;
  private readonly clock: Clock;
  private readonly metrics: WorkQueueMetrics;
  private readonly backoff: ExponentialBackoff;
  private readonly overall: TokenBucket;
  private readonly delayed: DelayedAdds;

  constructor(options: WorkQueueOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.metrics = options.metrics ?? noopQueueMetrics;
    this.backoff = new ExponentialBackoff(options.backoff);
    this.overall = new TokenBucket(this.clock, options.overallLimit);
    this.delayed = new DelayedAdds(this.clock, (key) => this.add(key));
  }

  /** Keys waiting to be handed out (not counting delayed or processing ones). */
  get length(): number {
    return this.waiting.size;
  }

  get isShuttingDown(): boolean {
    return this.shuttingDown;
  }

  add(key: string, priority: Priority = 'high'): void {
    if (this.shuttingDown) return;
    const queuedAt = this.dirty.get(key);
    if (queuedAt !== undefined) {
      if (priority === 'high' && queuedAt === 'low') this.promote(key);
      return;
    }
    this.dirty.set(key, priority);
    this.addedAt.set(key, this.clock.now());
    this.metrics.added();
    // A key being processed is picked up again by `done`, never handed to a second worker.
    if (this.processing.has(key)) return;
    this.enqueue(key, priority);
  }

  /** Adds `key` once `delayMs` has passed; an earlier pending time for the same key wins. */
  addAfter(key: string, delayMs: number): void {
    if (this.shuttingDown) return;
    if (delayMs <= 0) {
      this.add(key);
      return;
    }
    this.delayed.schedule(key, delayMs);
  }

  /** Adds `key` after its backoff, which doubles with each call until {@link forget}. */
  addRateLimited(key: string): void {
    if (this.shuttingDown) return;
    this.metrics.retried();
    // The longer of the key's own backoff and the overall limit (client-go's MaxOf limiter).
    this.addAfter(key, Math.max(this.backoff.next(key), this.overall.reserve()));
  }

  /** Resets the backoff of `key` (after a successful reconcile). */
  forget(key: string): void {
    this.backoff.forget(key);
  }

  /** Rate-limited adds of `key` since its last {@link forget}. */
  numRequeues(key: string): number {
    return this.backoff.failuresOf(key);
  }

  /**
   * Resolves with the next key, marking it processing; the caller must call {@link done} with it.
   * Resolves `undefined` once the queue shuts down: the worker should then stop.
   */
  get(): Promise<string | undefined> {
    if (this.shuttingDown) return Promise.resolve(undefined);
    if (this.waiting.size > 0) return Promise.resolve(this.take());
    return new Promise((resolve) => this.getters.push(resolve));
  }

  /** Ends the processing of `key`; if it was added meanwhile, it is queued again. */
  done(key: string): void {
    const startedAt = this.processing.get(key);
    if (startedAt === undefined) return;
    this.processing.delete(key);
    this.metrics.worked((this.clock.now() - startedAt) / 1000);
    const again = this.dirty.get(key);
    if (again !== undefined && !this.shuttingDown) this.enqueue(key, again);
    if (this.processing.size === 0) this.resolveDrainers();
  }

  /** Stops handing out and accepting keys; waiting and delayed keys are dropped. */
  shutDown(): void {
    if (this.shuttingDown) return;
    this.shuttingDown = true;
    this.delayed.clear();
    this.fifos.high.clear();
    this.fifos.low.clear();
    this.waiting.clear();
    this.dirty.clear();
    this.addedAt.clear();
    this.metrics.depth(0);
    for (const resolve of this.getters.splice(0)) resolve(undefined);
  }

  /** {@link shutDown}, then resolves once every key handed out is `done`. */
  async shutDownWithDrain(): Promise<void> {
    this.shutDown();
    if (this.processing.size === 0) return;
    await new Promise<void>((resolve) => this.drainers.push(resolve));
  }

  /** Keys handed out and not yet done, for the unfinished-work gauges. */
  inFlight(): InFlightWork {
    const now = this.clock.now();
    let totalMs = 0;
    let longestMs = 0;
    for (const startedAt of this.processing.values()) {
      totalMs += now - startedAt;
      longestMs = Math.max(longestMs, now - startedAt);
    }
    return { totalSeconds: totalMs / 1000, longestSeconds: longestMs / 1000 };
  }

  private enqueue(key: string, priority: Priority): void {
    this.fifos[priority].push(key);
    this.waiting.set(key, priority);
    const getter = this.getters.shift();
    if (getter === undefined) this.metrics.depth(this.waiting.size);
    else getter(this.take());
  }

  /** A waiting low-priority key added again by a real change: it moves to the high fifo. */
  private promote(key: string): void {
    this.dirty.set(key, 'high');
    if (this.waiting.get(key) !== 'low') return; // processing: `done` queues it, now at high
    this.waiting.set(key, 'high');
    this.fifos.high.push(key);
  }

  /** The next live key, high before low; stale entries of promoted keys are skipped. */
  private next(): string | undefined {
    for (const priority of ['high', 'low'] as const) {
      for (let key = this.fifos[priority].shift(); key !== undefined; key = this.fifos[priority].shift()) {
        if (this.waiting.get(key) === priority) return key;
      }
    }
    return undefined;
  }

  /** Moves the next waiting key into processing; some key must be waiting. */
  private take(): string {
    const key = this.next() as string;
    const now = this.clock.now();
    this.waiting.delete(key);
    this.processing.set(key, now);
    this.dirty.delete(key);
    this.metrics.waited((now - (this.addedAt.get(key) ?? now)) / 1000);
    this.addedAt.delete(key);
    this.metrics.depth(this.waiting.size);
    return key;
  }

  private resolveDrainers(): void {
    for (const resolve of this.drainers.splice(0)) resolve();
  }
}
