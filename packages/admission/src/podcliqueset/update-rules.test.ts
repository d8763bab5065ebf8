import { describe, expect, it } from 'vitest';
import type { PodCliqueSet } from '@grove/api';
import { aPodCliqueSet } from '@grove/fixtures';
import { found } from '../../test/context.js';
import { updateRules } from './update-rules.js';

const base = () =>
  aPodCliqueSet()
    .explicitStartup()
    .clique('a', { roleName: 'ra' })
    .clique('b', { roleName: 'rb', startsAfter: ['a'] })
    .clique('c', { roleName: 'rc' })
    .scalingGroup('g', ['c'], { replicas: 2, minAvailable: 1 })
    .with({ topologyConstraint: { topologyName: 'cluster', packDomain: 'zone' } })
    .build();

type Change = (pcs: PodCliqueSet) => void;
const t = (pcs: PodCliqueSet) => pcs.spec.template;
const clique = (pcs: PodCliqueSet, i: number) => t(pcs).cliques[i] as PodCliqueSet['spec']['template']['cliques'][number];
const group = (pcs: PodCliqueSet) => (t(pcs).podCliqueScalingGroups ?? [])[0] as NonNullable<PodCliqueSet['spec']['template']['podCliqueScalingGroups']>[number];

describe('updateRules', () => {
  it.each<[string, Change]>([
    ['replicas and pod template', (p) => Object.assign(clique(p, 0).spec, { replicas: 3, podSpec: { containers: [{ name: 'x', image: 'y' }] } })],
    ['scaling group replicas', (p) => (group(p).replicas = 5)],
    ['startsAfter [] ↔ absent', (p) => (clique(p, 0).spec.startsAfter = [])],
    ['adding topologyName to a packDomain constraint', (p) => (t(p).topologyConstraint = { packDomain: 'zone', topologyName: 'cluster' })],
    ['moving packDomain to pack.required', (p) => (t(p).topologyConstraint = { topologyName: 'cluster', pack: { required: 'zone' } })],
  ])('allows changing %s', (_name, change) => {
    const now = base();
    change(now);
    expect(updateRules(now, base()).errors).toEqual([]);
  });

  const C = 'spec.template.cliques';
  it.each<[string, Change, string[]]>([
    ['cliqueStartupType', (p) => (t(p).cliqueStartupType = 'CliqueStartupTypeAnyOrder'), ['FieldValueForbidden spec.template.cliqueStartupType']],
    ['a clique added', (p) => t(p).cliques.push({ name: 'd', spec: { podSpec: { containers: [] } } }), [`FieldValueForbidden ${C}[3].name`]],
    ['a clique removed', (p) => t(p).cliques.pop(), [`FieldValueForbidden ${C}`]],
    ['a clique renamed', (p) => (clique(p, 0).name = 'z'), [`FieldValueForbidden ${C}[0].name`, `FieldValueForbidden ${C}`]],
    ['clique order under Explicit startup', (p) => t(p).cliques.reverse(), [`FieldValueForbidden ${C}[0].name`, `FieldValueForbidden ${C}[2].name`]],
    ['roleName', (p) => (clique(p, 0).spec.roleName = 'x'), [`FieldValueForbidden ${C}[0].spec.roleName`]],
    ['minAvailable', (p) => (clique(p, 0).spec.minAvailable = 2), [`FieldValueForbidden ${C}[0].spec.minAvailable`]],
    ['startsAfter', (p) => (clique(p, 1).spec.startsAfter = []), [`FieldValueForbidden ${C}[1].spec.startsAfter`]],
    ['schedulerName', (p) => (clique(p, 0).spec.podSpec.schedulerName = 'podgang-scheduler'), [`FieldValueForbidden ${C}[0].spec.podSpec.schedulerName`]],
    ['clique resourceSharing', (p) => (clique(p, 0).resourceSharing = [{ name: 'r', scope: 'AllReplicas' }]), [`FieldValueForbidden ${C}[0].resourceSharing`]],
    ['a scaling group added', (p) => t(p).podCliqueScalingGroups?.push({ name: 'h', cliqueNames: ['a'] }), ['FieldValueForbidden spec.template.podCliqueScalingGroups[1].name']],
    ['group cliqueNames', (p) => (group(p).cliqueNames = ['c', 'a']), ['FieldValueForbidden spec.template.podCliqueScalingGroups[0].cliqueNames']],
    ['group minAvailable', (p) => (group(p).minAvailable = 2), ['FieldValueForbidden spec.template.podCliqueScalingGroups[0].minAvailable']],
    ['resourceClaimTemplates', (p) => (t(p).resourceClaimTemplates = [{ name: 'gpu', templateSpec: { spec: {} } }]), ['FieldValueForbidden spec.template.resourceClaimTemplates']],
    ['PCS resourceSharing', (p) => (t(p).resourceSharing = [{ name: 'gpu', scope: 'PerReplica' }]), ['FieldValueForbidden spec.template.resourceSharing']],
    ['a topology domain', (p) => (t(p).topologyConstraint = { topologyName: 'cluster', pack: { required: 'rack' } }), ['FieldValueForbidden spec.template.topologyConstraint']],
    ['the topologyName once set', (p) => (t(p).topologyConstraint = { topologyName: 'other', packDomain: 'zone' }), ['FieldValueForbidden spec.template.topologyConstraint']],
    ['a topology constraint removed', (p) => delete t(p).topologyConstraint, ['FieldValueForbidden spec.template.topologyConstraint']],
    ['a clique topology constraint added', (p) => (clique(p, 0).topologyConstraint = { pack: { required: 'rack' } }), [`FieldValueForbidden ${C}[0].topologyConstraint`]],
  ])('forbids changing %s', (_name, change, expected) => {
    const now = base();
    change(now);
    expect(found(updateRules(now, base()).errors)).toEqual(expected);
  });

  it('allows reordering cliques under AnyOrder startup', () => {
    const old = base();
    t(old).cliqueStartupType = 'CliqueStartupTypeAnyOrder';
    const now = structuredClone(old);
    t(now).cliques.reverse();
    expect(updateRules(now, old).errors).toEqual([]);
  });

  it('warns while the deprecated packDomain remains', () => {
    expect(updateRules(base(), base()).warnings).toEqual(['spec.template.topologyConstraint.packDomain: deprecated; move it to pack.required']);
  });
});
