import { describe, expect, it } from 'vitest';
import { aPodCliqueSet } from '@grove/fixtures';
import { found } from '../../test/context.js';
import { podNameRules } from './pod-name-rules.js';

describe('podNameRules', () => {
  it('accepts names that fit 45 characters exactly', () => {
    expect(podNameRules(aPodCliqueSet('p'.repeat(20)).clique('c'.repeat(25)).build())).toEqual([]);
    expect(podNameRules(aPodCliqueSet('p'.repeat(15)).clique('c'.repeat(15)).scalingGroup('g'.repeat(15), ['c'.repeat(15)]).build())).toEqual([]);
  });

  it('names the clique and the PodCliqueSet when a standalone clique is one character over', () => {
    const errors = podNameRules(aPodCliqueSet('p'.repeat(20)).clique('c'.repeat(26)).build());
    expect(found(errors)).toEqual(['FieldValueInvalid spec.template.cliques[0].name', 'FieldValueInvalid metadata.name']);
    expect(errors[0]?.detail).toContain('= 46 characters, more than the 45');
  });

  it('names the member clique, the group and the PodCliqueSet for a scaling-group clique', () => {
    const pcs = aPodCliqueSet('p'.repeat(15)).clique('c'.repeat(16)).scalingGroup('g'.repeat(15), ['c'.repeat(16)]).build();
    expect(found(podNameRules(pcs))).toEqual([
      'FieldValueInvalid spec.template.podCliqueScalingGroups[0].cliqueNames[0]',
      'FieldValueInvalid spec.template.podCliqueScalingGroups[0].name',
      'FieldValueInvalid metadata.name',
    ]);
  });

  it('budgets for the suffix of a generateName before the API server has generated the name', () => {
    const pcs = aPodCliqueSet('unused').clique('c'.repeat(20)).build();
    pcs.metadata = { generateName: 'p'.repeat(21) };
    expect(found(podNameRules(pcs))).toEqual(['FieldValueInvalid spec.template.cliques[0].name', 'FieldValueInvalid metadata.name']);
  });

  it('rejects a PodCliqueSet name that is not a DNS subdomain', () => {
    expect(found(podNameRules(aPodCliqueSet('Bad_Name').clique('a').build()))).toEqual(['FieldValueInvalid metadata.name']);
  });
});
