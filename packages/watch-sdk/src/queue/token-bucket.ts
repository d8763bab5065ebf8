/**
 * The overall limit on retries, as client-go's `BucketRateLimiter` inside its default controller
 * rate limiter: `qps` tokens a second, at most `burst` saved up. Each retry takes a token now or
 * waits for the next one, so a storm of failures (an API server outage) cannot turn into a
 * retry storm, whatever each key's own backoff says.
 */
import type { Clock } from './clock.js';

export interface TokenBucketOptions {
  /** Default 10 (client-go's). */
  qps?: number;
  /** Default 100 (client-go's). */
  burst?: number;
}

export const DEFAULT_OVERALL_LIMIT = { qps: 10, burst: 100 } as const;

export class TokenBucket {
  private tokens: number;
  private updatedAt: number;
  private readonly qps: number;
  private readonly burst: number;

  constructor(
    private readonly clock: Clock,
    options: TokenBucketOptions = {},
  ) {
    this.qps = options.qps ?? DEFAULT_OVERALL_LIMIT.qps;
    this.burst = options.burst ?? DEFAULT_OVERALL_LIMIT.burst;
    this.tokens = this.burst;
    this.updatedAt = clock.now();
  }

  /** Reserves one token; returns how long to wait until it is available (0 when one is there). */
  reserve(): number {
    const now = this.clock.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.updatedAt) / 1000) * this.qps);
    this.updatedAt = now;
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : (-this.tokens / this.qps) * 1000;
  }
}
