/**
 * `retryWithBackoff(policy)`: on an error, resubscribes to the source after a capped, jittered
 * exponential delay, forever (a watch must never silently stop). The attempt count starts over as
 * soon as the source emits again, so a flapping connection that works in between is retried quickly.
 */
import { retry, timer, type MonoTypeOperatorFunction, type SchedulerLike } from 'rxjs';

export interface BackoffPolicy {
  /** Delay before the first retry. */
  initialMs: number;
  /** The cap, before jitter. */
  maxMs: number;
  /** Up to this fraction is added at random, so clients restarted together do not retry together. */
  jitter: number;
  /** Returns a number in [0, 1); `Math.random` by default (tests pin it). */
  random?: () => number;
  /** Called before each wait, e.g. to log or count it. */
  onRetry?: (err: unknown, attempt: number, delayMs: number) => void;
  /** Only for tests that run without `TestScheduler.run`. */
  scheduler?: SchedulerLike;
}

export const DEFAULT_WATCH_BACKOFF: BackoffPolicy = { initialMs: 800, maxMs: 30_000, jitter: 0.2 };

/** The delay before retry number `attempt` (1-based). */
export function backoffDelay(policy: BackoffPolicy, attempt: number): number {
  const base = Math.min(policy.initialMs * 2 ** (attempt - 1), policy.maxMs);
  return Math.round(base * (1 + policy.jitter * (policy.random ?? Math.random)()));
}

export function retryWithBackoff<T>(policy: BackoffPolicy): MonoTypeOperatorFunction<T> {
  return retry<T>({
    resetOnSuccess: true,
    delay: (err: unknown, attempt: number) => {
      const delayMs = backoffDelay(policy, attempt);
      policy.onRetry?.(err, attempt, delayMs);
      return policy.scheduler === undefined ? timer(delayMs) : timer(delayMs, policy.scheduler);
    },
  });
}
