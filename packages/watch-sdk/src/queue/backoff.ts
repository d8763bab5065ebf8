/**
 * Per-key exponential backoff, as client-go's `ItemExponentialFailureRateLimiter`: the n-th
 * consecutive failure of a key waits `baseMs * 2^(n-1)`, capped at `maxMs`; `forget` resets the key.
 */
export interface BackoffOptions {
  /** Delay after the first failure. Default 5 ms (client-go's). */
  baseMs?: number;
  /** The cap. Default 1000 s (client-go's). */
  maxMs?: number;
}

export const DEFAULT_BACKOFF = { baseMs: 5, maxMs: 1_000_000 } as const;

export class ExponentialBackoff {
  private readonly failures = new Map<string, number>();
  private readonly baseMs: number;
  private readonly maxMs: number;

  constructor(options: BackoffOptions = {}) {
    this.baseMs = options.baseMs ?? DEFAULT_BACKOFF.baseMs;
    this.maxMs = options.maxMs ?? DEFAULT_BACKOFF.maxMs;
  }

  /** Records one more failure of `key` and returns how long it should wait. */
  next(key: string): number {
    const count = (this.failures.get(key) ?? 0) + 1;
    this.failures.set(key, count);
    // 2^count overflows to Infinity long before it matters; Math.min caps it either way.
    return Math.min(this.baseMs * 2 ** (count - 1), this.maxMs);
  }

  /** Consecutive failures recorded for `key` since the last `forget`. */
  failuresOf(key: string): number {
    return this.failures.get(key) ?? 0;
  }

  forget(key: string): void {
    this.failures.delete(key);
  }
}
