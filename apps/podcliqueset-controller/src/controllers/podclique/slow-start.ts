/**
 * client-go's slow-start batching: 1, then 2, 4, 8 … calls at once, stopping after the first batch
 * with a failure. A quota or admission error thus costs one failed call, not a hundred.
 */
export async function slowStartBatch<T>(count: number, initialBatch: number, call: (index: number) => Promise<T>): Promise<{ results: T[]; errors: Error[] }> {
  const results: T[] = [];
  let next = 0;
  for (let batch = Math.max(1, initialBatch); next < count; batch *= 2) {
    const size = Math.min(batch, count - next);
    const settled = await Promise.allSettled(Array.from({ length: size }, (_, i) => call(next + i)));
    next += size;
    const errors: Error[] = [];
    for (const outcome of settled) {
      if (outcome.status === 'fulfilled') results.push(outcome.value);
      else errors.push(outcome.reason instanceof Error ? outcome.reason : new Error(String(outcome.reason)));
    }
    if (errors.length > 0) return { results, errors };
  }
  return { results, errors: [] };
}
