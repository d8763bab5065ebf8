import { describe, expect, it } from 'vitest';
import { aPodCliqueSet, type PodCliqueSetBuilder } from '@grove/fixtures';
import { found } from '../../test/context.js';
import { scalingGroupRules } from './scaling-group-rules.js';

const g0 = 'spec.template.podCliqueScalingGroups[0]';

describe('scalingGroupRules', () => {
  it('accepts Grove sample simple1 (PCSG of pcb+pcc with a group HPA)', () => {
    const pcs = aPodCliqueSet().clique('pca').clique('pcb').clique('pcc').scalingGroup('sga', ['pcb', 'pcc'], { replicas: 2, minAvailable: 1, scaleConfig: { minReplicas: 2, maxReplicas: 4 } }).build();
    expect(scalingGroupRules(pcs)).toEqual([]);
  });

  it.each<[string, (b: PodCliqueSetBuilder) => PodCliqueSetBuilder, string[]]>([
    ['an unknown clique', (b) => b.scalingGroup('g', ['ghost']), [`FieldValueNotFound ${g0}.cliqueNames[0]`]],
    ['a clique in two groups', (b) => b.scalingGroup('g', ['a']).scalingGroup('h', ['a']), ['FieldValueInvalid spec.template.podCliqueScalingGroups[1].cliqueNames[0]']],
    ['a clique twice in one group', (b) => b.scalingGroup('g', ['a', 'a']), [`FieldValueInvalid ${g0}.cliqueNames[1]`]],
    ['a repeated group name', (b) => b.clique('b').scalingGroup('g', ['a']).scalingGroup('g', ['b']), ['FieldValueDuplicate spec.template.podCliqueScalingGroups[1].name']],
    ['a group name that is not a DNS subdomain', (b) => b.scalingGroup('G_1', ['a']), [`FieldValueInvalid ${g0}.name`]],
    ['replicas 0', (b) => b.scalingGroup('g', ['a'], { replicas: 0, minAvailable: undefined }), [`FieldValueInvalid ${g0}.replicas`]],
    ['minAvailable 0', (b) => b.scalingGroup('g', ['a'], { minAvailable: 0 }), [`FieldValueInvalid ${g0}.minAvailable`]],
    ['minAvailable above replicas', (b) => b.scalingGroup('g', ['a'], { replicas: 1, minAvailable: 2 }), [`FieldValueInvalid ${g0}.minAvailable`]],
    ['scaleConfig.minReplicas missing', (b) => b.scalingGroup('g', ['a'], { scaleConfig: { maxReplicas: 3 } }), [`FieldValueRequired ${g0}.scaleConfig.minReplicas`]],
    ['scaleConfig.minReplicas below minAvailable', (b) => b.scalingGroup('g', ['a'], { replicas: 3, minAvailable: 2, scaleConfig: { minReplicas: 1, maxReplicas: 3 } }), [`FieldValueInvalid ${g0}.scaleConfig.minReplicas`]],
    ['scaleConfig.maxReplicas below minReplicas', (b) => b.scalingGroup('g', ['a'], { scaleConfig: { minReplicas: 3, maxReplicas: 2 } }), [`FieldValueInvalid ${g0}.scaleConfig.maxReplicas`]],
    [
      'a member clique with its own autoScalingConfig',
      (b) => b.clique('m', { autoScalingConfig: { minReplicas: 1, maxReplicas: 2 } }).scalingGroup('g', ['m']),
      ['FieldValueForbidden spec.template.cliques[1].spec.autoScalingConfig'],
    ],
  ])('rejects %s', (_name, build, expected) => {
    expect(found(scalingGroupRules(build(aPodCliqueSet().clique('a')).build()))).toEqual(expected);
  });
});
