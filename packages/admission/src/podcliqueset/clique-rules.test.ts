import { describe, expect, it } from 'vitest';
import { aPodCliqueSet, type PodCliqueSetBuilder } from '@grove/fixtures';
import { found } from '../../test/context.js';
import { cliqueRules } from './clique-rules.js';

const c0 = 'spec.template.cliques[0]';

describe('cliqueRules', () => {
  it('accepts a valid clique', () => {
    expect(cliqueRules(aPodCliqueSet().clique('a', { replicas: 3, minAvailable: 2, autoScalingConfig: { minReplicas: 2, maxReplicas: 5 } }).build())).toEqual([]);
  });

  it.each<[string, (b: PodCliqueSetBuilder) => PodCliqueSetBuilder, string[]]>([
    ['replicas 0', (b) => b.clique('a', { replicas: 0, minAvailable: 1 }), [`FieldValueInvalid ${c0}.spec.replicas`, `FieldValueInvalid ${c0}.spec.minAvailable`]],
    ['minAvailable missing', (b) => b.clique('a', { minAvailable: undefined }), [`FieldValueRequired ${c0}.spec.minAvailable`]],
    ['minAvailable 0', (b) => b.clique('a', { minAvailable: 0 }), [`FieldValueInvalid ${c0}.spec.minAvailable`]],
    ['minAvailable above replicas', (b) => b.clique('a', { replicas: 2, minAvailable: 3 }), [`FieldValueInvalid ${c0}.spec.minAvailable`]],
    ['autoscaling minReplicas missing', (b) => b.clique('a', { autoScalingConfig: { maxReplicas: 3 } }), [`FieldValueRequired ${c0}.spec.autoScalingConfig.minReplicas`]],
    ['autoscaling minReplicas below minAvailable', (b) => b.clique('a', { replicas: 3, minAvailable: 2, autoScalingConfig: { minReplicas: 1, maxReplicas: 3 } }), [`FieldValueInvalid ${c0}.spec.autoScalingConfig.minReplicas`]],
    ['autoscaling maxReplicas below minReplicas', (b) => b.clique('a', { autoScalingConfig: { minReplicas: 4, maxReplicas: 3 } }), [`FieldValueInvalid ${c0}.spec.autoScalingConfig.maxReplicas`]],
    ['autoscaling maxReplicas below replicas', (b) => b.clique('a', { replicas: 4, autoScalingConfig: { minReplicas: 1, maxReplicas: 3 } }), [`FieldValueInvalid ${c0}.spec.autoScalingConfig.maxReplicas`]],
    ['a name that is not a DNS subdomain', (b) => b.clique('Prefill'), [`FieldValueInvalid ${c0}.name`]],
    ['a bad label key', (b) => b.clique('a', {}, { labels: { 'bad key': 'v' } }), [`FieldValueInvalid ${c0}.labels`]],
    ['a bad label value', (b) => b.clique('a', {}, { labels: { app: '-v' } }), [`FieldValueInvalid ${c0}.labels[app]`]],
    ['a bad annotation key', (b) => b.clique('a', {}, { annotations: { 'a/b/c': 'v' } }), [`FieldValueInvalid ${c0}.annotations`]],
    ['annotations over 256 KiB', (b) => b.clique('a', {}, { annotations: { big: 'x'.repeat(300_000) } }), [`FieldValueInvalid ${c0}.annotations`]],
    ['a repeated clique name', (b) => b.clique('a').clique('a', { roleName: 'other' }), ['FieldValueDuplicate spec.template.cliques[1].name']],
    ['a repeated roleName', (b) => b.clique('a', { roleName: 'worker' }).clique('b', { roleName: 'worker' }), ['FieldValueDuplicate spec.template.cliques[1].spec.roleName']],
    ['two cliques without roleName (both count as "")', (b) => b.clique('a', { roleName: undefined }).clique('b', { roleName: undefined }), ['FieldValueDuplicate spec.template.cliques[1].spec.roleName']],
  ])('rejects %s', (_name, build, expected) => {
    expect(found(cliqueRules(build(aPodCliqueSet()).build()))).toEqual(expected);
  });
});
