/**
 * `retryOnConflict(fn)`: runs a read-modify-write again when the write lost an optimistic-concurrency
 * race (409 Conflict), like client-go's `retry.RetryOnConflict` with `DefaultRetry` (5 tries, 10 ms
 * apart, 10% jitter). `fn` must re-read what it writes on every try; other errors pass through.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { isConflict } from '../http/kube-request.js';

export interface ConflictRetryOptions {
  /** Tries in all. Default 5. */
  steps?: number;
  /** Default 10 ms. */
  delayMs?: number;
  /** Default 0.1. */
  jitter?: number;
  /** For tests. */
  wait?: (ms: number) => Promise<void>;
}

export async function retryOnConflict<T>(fn: () => Promise<T>, options: ConflictRetryOptions = {}): Promise<T> {
  const steps = options.steps ?? 5;
  const wait = options.wait ?? ((ms: number) => sleep(ms));
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (!isConflict(err) || attempt >= steps) throw err;
      await wait((options.delayMs ?? 10) * (1 + (options.jitter ?? 0.1) * Math.random()));
    }
  }
}
