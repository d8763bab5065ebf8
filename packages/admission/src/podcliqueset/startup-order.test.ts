import { describe, expect, it } from 'vitest';
import { aPodCliqueSet, type PodCliqueSetBuilder } from '@grove/fixtures';
import { found } from '../../test/context.js';
import { startupOrderRules } from './startup-order.js';

const after = (i: number, j?: number) => `spec.template.cliques[${i}].spec.startsAfter${j === undefined ? '' : `[${j}]`}`;

describe('startupOrderRules', () => {
  it('accepts a DAG like Grove sample simple2 (pca → {pcb, pcc} → pcd)', () => {
    const pcs = aPodCliqueSet()
      .explicitStartup()
      .clique('pca')
      .clique('pcb', { startsAfter: ['pca'] })
      .clique('pcc', { startsAfter: ['pca'] })
      .clique('pcd', { startsAfter: ['pcb', 'pcc'] })
      .build();
    expect(startupOrderRules(pcs)).toEqual({ errors: [], warnings: [] });
  });

  it.each<[string, (b: PodCliqueSetBuilder) => PodCliqueSetBuilder, string[]]>([
    ['an empty entry', (b) => b.clique('a').clique('b', { startsAfter: [''] }), [`FieldValueRequired ${after(1, 0)}`]],
    ['the clique itself', (b) => b.clique('a', { startsAfter: ['a'] }), [`FieldValueInvalid ${after(0, 0)}`]],
    ['an unknown clique', (b) => b.clique('a', { startsAfter: ['ghost'] }), [`FieldValueNotFound ${after(0, 0)}`]],
    ['a repeated entry', (b) => b.clique('a').clique('b', { startsAfter: ['a', 'a'] }), [`FieldValueDuplicate ${after(1, 1)}`]],
    ['a two-clique cycle', (b) => b.clique('a', { startsAfter: ['b'] }).clique('b', { startsAfter: ['a'] }), [`FieldValueInvalid ${after(0)}`]],
    [
      'two cycles, one error each',
      (b) => b.clique('a', { startsAfter: ['b'] }).clique('b', { startsAfter: ['a'] }).clique('c', { startsAfter: ['d'] }).clique('d', { startsAfter: ['c'] }),
      [`FieldValueInvalid ${after(0)}`, `FieldValueInvalid ${after(2)}`],
    ],
  ])('rejects %s', (_name, build, expected) => {
    expect(found(startupOrderRules(build(aPodCliqueSet().explicitStartup()).build()).errors)).toEqual(expected);
  });

  it('names every clique of a cycle in the message', () => {
    const pcs = aPodCliqueSet().explicitStartup().clique('a', { startsAfter: ['c'] }).clique('b', { startsAfter: ['a'] }).clique('c', { startsAfter: ['b'] }).build();
    expect(startupOrderRules(pcs).errors[0]?.detail).toBe('cliques "a", "b", "c" start after each other in a cycle');
  });

  it('only warns about startsAfter without Explicit startup (Grove ignores it)', () => {
    const pcs = aPodCliqueSet().clique('a', { startsAfter: ['a', 'ghost'] }).build();
    expect(startupOrderRules(pcs)).toEqual({
      errors: [],
      warnings: ['spec.template.cliques[0].spec.startsAfter: ignored unless cliqueStartupType is CliqueStartupTypeExplicit'],
    });
  });
});
