import { defer, NEVER } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';
import { backoffDelay, retryWithBackoff, type BackoffPolicy } from './retry-with-backoff.js';

const scheduler = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

const policy: BackoffPolicy = { initialMs: 2, maxMs: 8, jitter: 0, random: () => 0 };

describe('retryWithBackoff', () => {
  it('resubscribes after 2, 4, 8, 8 ms of backoff, forever', () => {
    const retries: number[] = [];
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('#');
      const result = source.pipe(retryWithBackoff({ ...policy, onRetry: (_e, _n, ms) => retries.push(ms) }));
      // Subscriptions at 0, 2, 6, 14, 22; the test unsubscribes at 25, during the fifth wait.
      expectObservable(result, '25ms !').toBe('');
      expectSubscriptions(source.subscriptions).toBe(['(^!)', '2ms (^!)', '6ms (^!)', '14ms (^!)', '22ms (^!)']);
    });
    expect(retries).toEqual([2, 4, 8, 8, 8]);
  });

  it('starts the backoff over once the source emits again', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      // First run errors at once; the second emits `a` then errors; the third waits 2 ms again, not 4.
      let run = 0;
      const runs = [cold('#'), cold('a#'), cold('-b')];
      const source = defer(() => runs[run++] ?? NEVER);
      const result = source.pipe(retryWithBackoff(policy));
      // a at 2 and its error at 3; then 2 ms (not 4) until the third run, whose b comes at 6.
      expectObservable(result, '10ms !').toBe('--a---b');
      expectSubscriptions(runs[0]?.subscriptions ?? []).toBe('(^!)');
      expectSubscriptions(runs[1]?.subscriptions ?? []).toBe('--^!');
      expectSubscriptions(runs[2]?.subscriptions ?? []).toBe('-----^----!');
    });
  });

  it('passes values and completion through untouched', () => {
    scheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('a-b|').pipe(retryWithBackoff(policy))).toBe('a-b|');
    });
  });
});

describe('backoffDelay', () => {
  it('adds up to `jitter` of the capped delay', () => {
    const jittered = { initialMs: 100, maxMs: 1000, jitter: 0.5 };
    expect(backoffDelay({ ...jittered, random: () => 0 }, 1)).toBe(100);
    expect(backoffDelay({ ...jittered, random: () => 0.999 }, 1)).toBe(150);
    expect(backoffDelay({ ...jittered, random: () => 0.5 }, 10)).toBe(1250);
  });
});
