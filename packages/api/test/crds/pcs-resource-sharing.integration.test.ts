/** PodCliqueSet DRA rules: claim templates and resourceSharing at PodCliqueSet, scaling-group and clique level. */
import { describe } from 'vitest';
import { patched } from './support/manifest.js';
import { aClaimTemplate, aPodCliqueSet } from './support/objects.js';
import { createRuleTests, type RuleCase } from './support/rule-cases.js';
import { useCrdSuite } from './support/suite.js';

const suite = useCrdSuite('crd-pcs-dra');
// Every case starts from a PodCliqueSet that declares one internal claim template, `gpus`.
const withTemplate = (name: string) => patched(aPodCliqueSet(name), { 'spec.template.resourceClaimTemplates': [aClaimTemplate('gpus')] });
const ctx = { ...suite, kind: 'PodCliqueSet', base: withTemplate } as const;

const templates = 'spec.template.resourceClaimTemplates';
const pcsSharing = 'spec.template.resourceSharing';
const routerSharing = 'spec.template.cliques.0.resourceSharing';
const workersSharing = 'spec.template.podCliqueScalingGroups.0.resourceSharing';
const shared = { name: 'gpus', scope: 'AllReplicas' };

const cases: RuleCase[] = [
  {
    rule: 'a claim template has at least one device request',
    valid: {},
    invalid: { [`${templates}.0.templateSpec`]: { spec: { devices: { requests: [] } } } },
    field: 'spec.template.resourceClaimTemplates[0].templateSpec.spec',
    message: 'templateSpec.spec.devices.requests must contain at least one device request',
  },
  {
    rule: 'claim template names are unique (list map keyed by name)',
    valid: { [`${templates}.1`]: aClaimTemplate('nics') },
    invalid: { [`${templates}.1`]: aClaimTemplate('gpus') },
    field: 'spec.template.resourceClaimTemplates[1]',
    message: 'Duplicate value',
  },
  {
    rule: 'resourceSharing scope is AllReplicas or PerReplica (schema enum)',
    valid: { [pcsSharing]: [{ name: 'gpus', scope: 'PerReplica' }] },
    invalid: { [pcsSharing]: [{ name: 'gpus', scope: 'PerPod' }] },
    field: 'spec.template.resourceSharing[0].scope',
    message: 'Unsupported value',
  },
  {
    rule: 'resourceSharing names are unique per list (list map keyed by name)',
    valid: { [routerSharing]: [shared, { name: 'external', scope: 'PerReplica' }] },
    invalid: { [routerSharing]: [shared, { name: 'gpus', scope: 'PerReplica' }] },
    field: 'spec.template.cliques[0].resourceSharing[1]',
    message: 'Duplicate value',
  },
  {
    rule: 'a PodCliqueSet-level filter names at least one child',
    valid: { [pcsSharing]: [{ ...shared, filter: { childCliqueNames: ['router'] } }] },
    invalid: { [pcsSharing]: [{ ...shared, filter: {} }] },
    field: 'spec.template.resourceSharing[0].filter',
    message: 'filter must name at least one clique',
  },
  {
    rule: 'a PodCliqueSet-level filter names cliques of the template',
    valid: { [pcsSharing]: [{ ...shared, filter: { childCliqueNames: ['router', 'prefill'] } }] },
    invalid: { [pcsSharing]: [{ ...shared, filter: { childCliqueNames: ['ghost'] } }] },
    field: 'spec.template.resourceSharing',
    message: 'filter must name cliques and scaling groups defined in this template',
  },
  {
    rule: 'a PodCliqueSet-level filter names scaling groups of the template',
    valid: { [pcsSharing]: [{ ...shared, filter: { childScalingGroupNames: ['workers'] } }] },
    invalid: { [pcsSharing]: [{ ...shared, filter: { childScalingGroupNames: ['ghost'] } }] },
    field: 'spec.template.resourceSharing',
    message: 'filter must name cliques and scaling groups defined in this template',
  },
  {
    rule: 'namespace is empty for an internal template (PodCliqueSet level)',
    valid: { [pcsSharing]: [shared, { name: 'external', namespace: 'team-a', scope: 'PerReplica' }] },
    invalid: { [pcsSharing]: [{ ...shared, namespace: 'team-a' }] },
    field: 'spec.template.resourceSharing',
    message: 'resourceSharing[*].namespace must be empty when name refers to one of resourceClaimTemplates',
  },
  {
    rule: 'namespace is empty for an internal template (clique level)',
    valid: { [routerSharing]: [shared, { name: 'external', namespace: 'team-a', scope: 'AllReplicas' }] },
    invalid: { [routerSharing]: [{ ...shared, namespace: 'team-a' }] },
    field: 'spec.template.cliques',
    message: 'cliques[*].resourceSharing[*].namespace must be empty',
  },
  {
    rule: 'namespace is empty for an internal template (scaling group level)',
    valid: { [workersSharing]: [shared] },
    invalid: { [workersSharing]: [{ ...shared, namespace: 'team-a' }] },
    field: 'spec.template.podCliqueScalingGroups',
    message: 'podCliqueScalingGroups[*].resourceSharing[*].namespace must be empty',
  },
  {
    rule: 'a scaling-group filter names at least one member clique',
    valid: { [workersSharing]: [{ ...shared, filter: { childCliqueNames: ['decode'] } }] },
    invalid: { [workersSharing]: [{ ...shared, filter: {} }] },
    field: 'spec.template.podCliqueScalingGroups[0].resourceSharing[0].filter',
    message: 'filter must name at least one member clique',
  },
  {
    rule: 'a scaling-group filter names only member cliques',
    valid: { [workersSharing]: [{ ...shared, filter: { childCliqueNames: ['prefill', 'decode'] } }] },
    invalid: { [workersSharing]: [{ ...shared, filter: { childCliqueNames: ['router'] } }] },
    field: 'spec.template.podCliqueScalingGroups[0].resourceSharing',
    message: 'filter.childCliqueNames must name cliques of this group',
  },
];

describe('PodCliqueSet resource sharing', () => createRuleTests(ctx, cases));
