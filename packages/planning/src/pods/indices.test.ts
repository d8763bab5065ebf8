import type { V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { PodIndexConflictError, freePodIndices, podIndexOf } from './indices.js';
import { aPod } from './test-support.js';

const atIndex = (name: string, index: number) => aPod(name).index(index);

describe('podIndexOf (§2.1)', () => {
  it.each<[string, V1Pod, number | undefined]>([
    ['last hostname segment', aPod().hostname('inference-0-worker-12').build(), 12],
    ['a PCSG member hostname', aPod().hostname('inference-0-decode-1-worker-0').build(), 0],
    ['no hostname', aPod().build(), undefined],
    ['a non-numeric last segment', aPod().hostname('inference-0-worker').build(), undefined],
  ])('%s → %s', (_, pod, expected) => {
    expect(podIndexOf(pod)).toBe(expected);
  });
});

describe('freePodIndices (§2.1 pod index allocation)', () => {
  it.each<[string, V1Pod[], number, number[]]>([
    ['no pods: 0..n-1', [], 3, [0, 1, 2]],
    ['fills the hole left by a deleted pod first', [atIndex('a', 0).build(), atIndex('c', 2).build()], 2, [1, 3]],
    ['reuses the index of a terminating pod at once', [atIndex('a', 0).build(), atIndex('b', 1).terminating().build()], 1, [1]],
    ['reuses the indices of Succeeded and Failed pods', [atIndex('a', 0).phase('Failed').build(), atIndex('b', 1).phase('Succeeded').build()], 2, [0, 1]],
    ['nothing asked, nothing given', [atIndex('a', 0).build()], 0, []],
  ])('%s', (_, pods, count, expected) => {
    expect(freePodIndices(pods, count)).toEqual(expected);
  });

  it('a terminating pod may share an index with its replacement', () => {
    const pods = [atIndex('old', 1).terminating().build(), atIndex('new', 1).build()];
    expect(freePodIndices(pods, 1)).toEqual([0]);
  });

  it('throws, naming both pods, when two active pods share an index', () => {
    const pods = [atIndex('worker-abcde', 1).build(), atIndex('worker-fghij', 1).scheduled().build()];
    expect(() => freePodIndices(pods, 1)).toThrow(PodIndexConflictError);
    expect(() => freePodIndices(pods, 1)).toThrow(/worker-abcde.*worker-fghij.*index 1/);
  });

  it('throws on an active pod whose hostname has no index (its index could clash)', () => {
    const error = catchError(() => freePodIndices([aPod('stray').hostname('stray').build()], 1));
    expect(error).toBeInstanceOf(PodIndexConflictError);
    expect((error as PodIndexConflictError).podNames).toEqual(['stray']);
  });

  it('rejects a negative count', () => {
    expect(() => freePodIndices([], -1)).toThrow(RangeError);
  });
});

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}
