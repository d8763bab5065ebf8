import { describe, expect, it } from 'vitest';
import { attributePod, cliqueOfPodName } from './attribution.js';

const deps = new Set(['a-0-x', 'a-0-x-1-y', 'svc-0-prefill']);

describe('cliqueOfPodName', () => {
  it.each([
    ['a-0-x-7kq2z', 'a-0-x'],
    ['a-0-xy-7kq2z', 'a-0-xy'],
    ['a-0-x-1-y-7kq2z', 'a-0-x-1-y'],
    ['a-0-x-', undefined],
    ['nodash', undefined],
    ['-abcde', undefined],
  ])('%s belongs to %s', (name, fqn) => {
    expect(cliqueOfPodName(name)).toBe(fqn);
  });
});

describe('attributePod', () => {
  it('counts a pod for the dependency its name is <fqn>-<suffix> of', () => {
    expect(attributePod({ name: 'a-0-x-7kq2z' }, deps)).toBe('a-0-x');
    expect(attributePod({ name: 'a-0-x-1-y-7kq2z' }, deps)).toBe('a-0-x-1-y');
  });

  it('does not count a clique whose name only starts with the dependency', () => {
    expect(attributePod({ name: 'a-0-xy-7kq2z' }, new Set(['a-0-x']))).toBeUndefined();
  });

  it('does not count a scaling-group clique named after the dependency', () => {
    expect(attributePod({ name: 'a-0-x-1-y-7kq2z' }, new Set(['a-0-x']))).toBeUndefined();
  });

  it('ignores pods of cliques that are not dependencies, and names without a suffix', () => {
    expect(attributePod({ name: 'other-0-x-7kq2z' }, deps)).toBeUndefined();
    expect(attributePod({ name: 'a-0-x-' }, deps)).toBeUndefined();
  });

  it('uses the grove.io/podclique label when present and requires it to agree with the name', () => {
    expect(attributePod({ name: 'a-0-x-7kq2z', labels: { 'grove.io/podclique': 'a-0-x' } }, deps)).toBe('a-0-x');
    expect(attributePod({ name: 'a-0-x-7kq2z', labels: { 'grove.io/podclique': 'svc-0-prefill' } }, deps)).toBeUndefined();
    expect(attributePod({ name: 'a-0-x-7kq2z', labels: { app: 'other' } }, deps)).toBe('a-0-x');
  });
});
