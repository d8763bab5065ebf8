import { describe, expect, it } from 'vitest';
import { testNamespaceName } from './namespace.js';
import { eventually } from './eventually.js';

describe('testNamespaceName', () => {
  it('makes a valid, unique DNS label from any test name', () => {
    const a = testNamespaceName('A Pod with nodeSelector / is bound!');
    const b = testNamespaceName('A Pod with nodeSelector / is bound!');
    expect(a).toMatch(/^t-a-pod-with-nodeselector-is-bound-[0-9a-f]{6}$/);
    expect(a).not.toBe(b);
    const long = testNamespaceName('x'.repeat(200));
    expect(long.length).toBeLessThanOrEqual(63);
    expect(testNamespaceName('???')).toMatch(/^t-test-[0-9a-f]{6}$/);
  });
});

describe('eventually', () => {
  it('retries until the check passes and returns its value', async () => {
    let calls = 0;
    const value = await eventually(() => {
      if (++calls < 3) throw new Error('not yet');
      return calls;
    }, { intervalMs: 1 });
    expect(value).toBe(3);
  });

  it('rethrows the last failure after the timeout', async () => {
    await expect(eventually(() => Promise.reject(new Error('still failing')), { timeoutMs: 20, intervalMs: 5 })).rejects.toThrow(
      'still failing',
    );
  });
});
