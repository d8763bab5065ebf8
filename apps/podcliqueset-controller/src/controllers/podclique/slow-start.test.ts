import { describe, expect, it } from 'vitest';
import { slowStartBatch } from './slow-start.js';

describe('slowStartBatch', () => {
  it('calls in batches of 1, 2, 4 … until all are done', async () => {
    const batches: number[][] = [];
    let current: number[] = [];
    const { results, errors } = await slowStartBatch(10, 1, async (i) => {
      current.push(i);
      await Promise.resolve();
      if (current.length > 0) {
        batches.push(current);
        current = [];
      }
      return i * 10;
    });
    expect(errors).toEqual([]);
    expect(results.sort((a, b) => a - b)).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
    expect(batches.map((b) => b.length)).toEqual([1, 2, 4, 3]);
  });

  it('stops after the first batch with a failure', async () => {
    const called: number[] = [];
    const { results, errors } = await slowStartBatch(20, 1, async (i) => {
      called.push(i);
      if (i === 2) throw new Error('quota exceeded');
      return i;
    });
    expect(called).toEqual([0, 1, 2]);
    expect(results).toEqual([0, 1]);
    expect(errors.map((e) => e.message)).toEqual(['quota exceeded']);
  });
});
