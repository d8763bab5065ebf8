import { describe, expect, it } from 'vitest';
import { FakeClock } from './clock.js';
import { TokenBucket } from './token-bucket.js';

describe('TokenBucket', () => {
  it('gives a burst at once, then one token per 1/qps, and refills up to the burst while idle', () => {
    const clock = new FakeClock();
    const bucket = new TokenBucket(clock, { qps: 10, burst: 3 });
    expect([bucket.reserve(), bucket.reserve(), bucket.reserve()]).toEqual([0, 0, 0]);
    expect(bucket.reserve()).toBeCloseTo(100);
    expect(bucket.reserve()).toBeCloseTo(200);
    clock.advance(10_000);
    expect([bucket.reserve(), bucket.reserve(), bucket.reserve(), bucket.reserve()].map(Math.round)).toEqual([0, 0, 0, 100]);
  });
});
