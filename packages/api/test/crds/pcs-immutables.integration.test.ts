/**
 * PodCliqueSet update immutables (grove-spec §9.1): each case creates an object, then dry-runs an allowed
 * change (accepted) and a change to the immutable field (refused, naming it).
 */
import { describe, expect, it } from 'vitest';
import { at, patched } from './support/manifest.js';
import { aClaimTemplate, aClique, aPodCliqueSet } from './support/objects.js';
import { updateRuleTests, type UpdateCase } from './support/rule-cases.js';
import { useCrdSuite } from './support/suite.js';

const suite = useCrdSuite('crd-pcs-immutable');
const ctx = { ...suite, kind: 'PodCliqueSet', base: aPodCliqueSet } as const;

const router = 'spec.template.cliques.0';
const prefill = 'spec.template.cliques.1';
const decode = 'spec.template.cliques.2';
const workers = 'spec.template.podCliqueScalingGroups.0';
const tc = (domain: string) => ({ topologyName: 'grove-topology', pack: { required: domain } });
const withGpus = { 'spec.template.resourceClaimTemplates': [aClaimTemplate('gpus')] };

const cases: UpdateCase[] = [
  {
    rule: 'cliqueStartupType is immutable',
    valid: { 'spec.template.cliqueStartupType': 'CliqueStartupTypeAnyOrder' },
    invalid: { 'spec.template.cliqueStartupType': 'CliqueStartupTypeInOrder' },
    field: 'spec.template.cliqueStartupType',
    message: 'cliqueStartupType is immutable',
  },
  {
    rule: 'cliques cannot be added',
    valid: { [`${router}.spec.replicas`]: 3, 'spec.replicas': 2 },
    invalid: { 'spec.template.cliques.3': aClique('extra') },
    field: 'spec.template.cliques',
    message: 'cliques cannot be added, removed or renamed',
  },
  {
    rule: 'cliques cannot be renamed',
    valid: { [`${router}.labels`]: { tier: 'edge' } },
    invalid: { [`${router}.name`]: 'edge' },
    field: 'spec.template.cliques',
    message: 'cliques cannot be added, removed or renamed',
  },
  {
    rule: 'clique order is fixed with CliqueStartupTypeInOrder',
    initial: { 'spec.template.cliqueStartupType': 'CliqueStartupTypeInOrder' },
    valid: { [router]: aClique('router', { replicas: 4 }) },
    invalid: { [router]: aClique('prefill', { replicas: 2, minAvailable: 1 }), [prefill]: aClique('router', { replicas: 2 }) },
    field: 'spec.template.cliques',
    message: 'the order of cliques cannot change',
  },
  {
    rule: 'clique roleName is immutable',
    valid: { [`${router}.spec.podSpec.containers.0.image`]: 'registry.k8s.io/pause:3.9' },
    invalid: { [`${router}.spec.roleName`]: 'edge' },
    field: 'spec.template.cliques[0].spec.roleName',
    message: 'spec.roleName is immutable',
  },
  {
    rule: 'clique minAvailable is immutable',
    valid: { [`${prefill}.spec.replicas`]: 3 },
    invalid: { [`${prefill}.spec.minAvailable`]: 2 },
    field: 'spec.template.cliques[1].spec.minAvailable',
    message: 'spec.minAvailable is immutable',
  },
  {
    rule: 'clique startsAfter is immutable',
    initial: { 'spec.template.cliqueStartupType': 'CliqueStartupTypeExplicit', [`${decode}.spec.startsAfter`]: ['prefill'] },
    valid: { [`${decode}.spec.startsAfter`]: ['prefill'] },
    invalid: { [`${decode}.spec.startsAfter`]: ['router'] },
    field: 'spec.template.cliques[2].spec.startsAfter',
    message: 'spec.startsAfter is immutable',
  },
  {
    rule: 'clique podSpec.schedulerName is immutable',
    initial: { [`${router}.spec.podSpec.schedulerName`]: 'default-scheduler' },
    valid: { [`${router}.spec.podSpec.containers.0.image`]: 'registry.k8s.io/pause:3.9' },
    invalid: { [`${router}.spec.podSpec.schedulerName`]: 'podgang-scheduler' },
    field: 'spec.template.cliques[0].spec.podSpec.schedulerName',
    message: 'spec.podSpec.schedulerName is immutable',
  },
  {
    rule: 'clique resourceSharing is immutable',
    initial: { ...withGpus, [`${router}.resourceSharing`]: [{ name: 'gpus', scope: 'PerReplica' }] },
    valid: { [`${router}.resourceSharing`]: [{ name: 'gpus', scope: 'PerReplica' }] },
    invalid: { [`${router}.resourceSharing`]: [{ name: 'gpus', scope: 'AllReplicas' }] },
    field: 'spec.template.cliques[0].resourceSharing',
    message: 'resourceSharing is immutable',
  },
  {
    rule: 'a clique topologyConstraint cannot be added',
    initial: { 'spec.template.topologyConstraint': tc('zone') },
    valid: { 'spec.template.topologyConstraint': tc('zone') },
    invalid: { [`${router}.topologyConstraint`]: { pack: { required: 'host' } } },
    field: 'spec.template.cliques[0].topologyConstraint',
    message: 'topologyConstraint cannot be added or removed after creation',
  },
  {
    rule: 'a clique topologyConstraint is immutable',
    initial: { [`${router}.topologyConstraint`]: tc('host') },
    valid: { [`${router}.spec.replicas`]: 5 },
    invalid: { [`${router}.topologyConstraint`]: tc('rack') },
    field: 'spec.template.cliques[0].topologyConstraint',
    message: 'topologyConstraint is immutable',
  },
  {
    rule: 'the PodCliqueSet topologyConstraint cannot be removed',
    initial: { 'spec.template.topologyConstraint': tc('zone') },
    valid: { 'spec.replicas': 3 },
    invalid: { 'spec.template.topologyConstraint': undefined },
    field: 'spec.template.topologyConstraint',
    message: 'topologyConstraint cannot be added or removed after creation',
  },
  {
    rule: 'the PodCliqueSet topologyConstraint is immutable',
    initial: { 'spec.template.topologyConstraint': tc('zone') },
    valid: { 'spec.template.topologyConstraint': tc('zone') },
    invalid: { 'spec.template.topologyConstraint': { topologyName: 'grove-topology', pack: { required: 'zone', preferred: 'rack' } } },
    field: 'spec.template.topologyConstraint',
    message: 'topologyConstraint is immutable',
  },
  {
    rule: 'scaling groups cannot be added',
    valid: { [`${workers}.replicas`]: 3 },
    invalid: { 'spec.template.podCliqueScalingGroups.1': { name: 'edge', cliqueNames: ['router'] } },
    field: 'spec.template.podCliqueScalingGroups',
    message: 'podCliqueScalingGroups cannot be added, removed or renamed',
  },
  {
    rule: 'scaling group cliqueNames are immutable',
    valid: { [`${workers}.annotations`]: { note: 'x' } },
    invalid: { [`${workers}.cliqueNames`]: ['prefill'] },
    field: 'spec.template.podCliqueScalingGroups[0].cliqueNames',
    message: 'cliqueNames is immutable',
  },
  {
    rule: 'scaling group minAvailable is immutable',
    valid: { [`${workers}.replicas`]: 3 },
    invalid: { [`${workers}.minAvailable`]: 2 },
    field: 'spec.template.podCliqueScalingGroups[0].minAvailable',
    message: 'minAvailable is immutable',
  },
  {
    rule: 'scaling group resourceSharing is immutable',
    initial: { ...withGpus, [`${workers}.resourceSharing`]: [{ name: 'gpus', scope: 'AllReplicas' }] },
    valid: { [`${workers}.replicas`]: 3 },
    invalid: { [`${workers}.resourceSharing`]: undefined },
    field: 'spec.template.podCliqueScalingGroups[0].resourceSharing',
    message: 'resourceSharing is immutable',
  },
  {
    rule: 'a scaling group topologyConstraint cannot be added',
    valid: { [`${workers}.replicas`]: 3 },
    invalid: { [`${workers}.topologyConstraint`]: tc('rack') },
    field: 'spec.template.podCliqueScalingGroups[0].topologyConstraint',
    message: 'topologyConstraint cannot be added or removed after creation',
  },
  {
    rule: 'resourceClaimTemplates are immutable',
    initial: withGpus,
    valid: withGpus,
    invalid: { 'spec.template.resourceClaimTemplates': [aClaimTemplate('gpus'), aClaimTemplate('nics')] },
    field: 'spec.template.resourceClaimTemplates',
    message: 'resourceClaimTemplates is immutable',
  },
  {
    rule: 'PodCliqueSet resourceSharing is immutable',
    initial: { ...withGpus, 'spec.template.resourceSharing': [{ name: 'gpus', scope: 'AllReplicas' }] },
    valid: { 'spec.replicas': 0 },
    invalid: { 'spec.template.resourceSharing': [{ name: 'gpus', scope: 'PerReplica' }] },
    field: 'spec.template.resourceSharing',
    message: 'resourceSharing is immutable',
  },
];

describe('PodCliqueSet update immutables', () => {
  updateRuleTests(ctx, cases);

  it('accepts nodeName and topologySpreadConstraints on update (Grove checks them on create only)', async () => {
    const api = suite.api();
    const stored = await api.create('PodCliqueSet', suite.namespace(), aPodCliqueSet('create-only'));
    const changed = patched(stored, {
      [`${router}.spec.podSpec.nodeName`]: 'kwok-node-0000',
      [`${router}.spec.podSpec.topologySpreadConstraints`]: [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway' }],
    });
    const updated = await api.replace('PodCliqueSet', suite.namespace(), changed, { dryRun: true });
    expect(at(updated, `${router}.spec.podSpec.nodeName`)).toBe('kwok-node-0000');
  });
});
