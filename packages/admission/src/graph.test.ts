import { describe, expect, it } from 'vitest';
import { findCycles } from './graph.js';

const graph = (edges: Record<string, string[]>) => new Map(Object.entries(edges));

describe('findCycles', () => {
  it.each<[string, Record<string, string[]>, string[][]]>([
    ['no edges', { a: [], b: [] }, []],
    ['a chain', { a: [], b: ['a'], c: ['b'] }, []],
    ['a diamond', { a: [], b: ['a'], c: ['a'], d: ['b', 'c'] }, []],
    ['a two-node cycle', { a: ['b'], b: ['a'] }, [['a', 'b']]],
    ['a three-node cycle beside a chain', { x: [], a: ['c'], b: ['a'], c: ['b', 'x'] }, [['a', 'b', 'c']]],
    ['two separate cycles', { a: ['b'], b: ['a'], c: ['d'], d: ['c'] }, [['a', 'b'], ['c', 'd']]],
    ['a self-loop', { a: ['a'] }, [['a']]],
    ['edges to unknown nodes are ignored', { a: ['ghost'] }, []],
  ])('%s', (_name, edges, cycles) => {
    expect(findCycles(graph(edges))).toEqual(cycles);
  });

  it('handles a 5,000-node chain closed into one cycle without exhausting the stack', () => {
    const n = 5_000;
    const edges = new Map(Array.from({ length: n }, (_, i) => [`n${i}`, [`n${(i + 1) % n}`]]));
    const cycles = findCycles(edges);
    expect(cycles).toHaveLength(1);
    expect(cycles[0]).toHaveLength(n);
  });
});
