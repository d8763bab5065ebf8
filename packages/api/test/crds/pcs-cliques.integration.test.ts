/** PodCliqueSet spec rules and the rules about cliques: names, sizes, autoscaling, pod spec, roles, startup order, name budget. */
import { describe } from 'vitest';
import { aPodCliqueSet } from './support/objects.js';
import { createRuleTests, type RuleCase } from './support/rule-cases.js';
import { useCrdSuite } from './support/suite.js';

const suite = useCrdSuite('crd-pcs-cliques');
const ctx = { ...suite, kind: 'PodCliqueSet', base: aPodCliqueSet } as const;

const router = 'spec.template.cliques.0';
const prefill = 'spec.template.cliques.1';
const explicit = { 'spec.template.cliqueStartupType': 'CliqueStartupTypeExplicit' };
const standaloneOnly = { 'spec.template.podCliqueScalingGroups': undefined };

const cases: RuleCase[] = [
  {
    rule: 'spec.replicas is not negative (schema minimum)',
    valid: { 'spec.replicas': 0 },
    invalid: { 'spec.replicas': -1 },
    field: 'spec.replicas',
    message: 'greater than or equal to 0',
  },
  {
    rule: 'updateStrategy.type is RollingRecreate or OnDelete (schema enum)',
    valid: { 'spec.updateStrategy': { type: 'OnDelete' } },
    invalid: { 'spec.updateStrategy': { type: 'Recreate' } },
    field: 'spec.updateStrategy.type',
    message: 'Unsupported value',
  },
  {
    rule: 'terminationDelay is a positive duration',
    valid: { 'spec.template.terminationDelay': '1h30m' },
    invalid: { 'spec.template.terminationDelay': '0s' },
    field: 'spec.template.terminationDelay',
    message: 'terminationDelay must be a positive duration',
  },
  {
    rule: 'terminationDelay is a duration',
    valid: { 'spec.template.terminationDelay': '90s' },
    invalid: { 'spec.template.terminationDelay': 'soon' },
    field: 'spec.template.terminationDelay',
    message: 'terminationDelay must be a positive duration',
  },
  {
    rule: 'clique name is set (schema required)',
    valid: {},
    invalid: { [`${router}.name`]: undefined },
    field: 'spec.template.cliques[0].name',
    message: 'Required value',
  },
  {
    rule: 'clique name is a DNS subdomain',
    valid: { [`${router}.name`]: 'router.v2' },
    invalid: { [`${router}.name`]: 'Router_2' },
    field: 'spec.template.cliques[0].name',
    message: 'must be a DNS subdomain',
  },
  {
    rule: 'clique names are unique (list map keyed by name)',
    valid: {},
    invalid: { 'spec.template.cliques.2.name': 'prefill' },
    field: 'spec.template.cliques[2]',
    message: 'Duplicate value',
  },
  {
    rule: 'at least one clique (schema minItems)',
    valid: { 'spec.template.cliques': [{ name: 'solo', spec: { podSpec: { containers: [{ name: 'c', image: 'x' }] } } }], ...standaloneOnly },
    invalid: { 'spec.template.cliques': [], ...standaloneOnly },
    field: 'spec.template.cliques',
    message: /at least 1 item/,
  },
  {
    rule: 'clique replicas is at least 1',
    valid: { [`${router}.spec.replicas`]: 1 },
    invalid: { [`${router}.spec.replicas`]: 0 },
    field: 'spec.template.cliques[0].spec.replicas',
    message: 'replicas must be at least 1',
  },
  {
    rule: 'clique minAvailable is positive (schema minimum)',
    valid: { [`${prefill}.spec.minAvailable`]: 1 },
    invalid: { [`${prefill}.spec.minAvailable`]: 0 },
    field: 'spec.template.cliques[1].spec.minAvailable',
    message: 'greater than or equal to 1',
  },
  {
    rule: 'clique minAvailable does not exceed replicas',
    valid: { [`${prefill}.spec.minAvailable`]: 2 },
    invalid: { [`${prefill}.spec.minAvailable`]: 3 },
    field: 'spec.template.cliques[1].spec.minAvailable',
    message: 'minAvailable must not be greater than replicas',
  },
  {
    rule: 'autoScalingConfig.minReplicas is at least minAvailable',
    valid: { [`${router}.spec.minAvailable`]: 2, [`${router}.spec.autoScalingConfig`]: { minReplicas: 2, maxReplicas: 4 } },
    invalid: { [`${router}.spec.minAvailable`]: 2, [`${router}.spec.autoScalingConfig`]: { minReplicas: 1, maxReplicas: 4 } },
    field: 'spec.template.cliques[0].spec.autoScalingConfig.minReplicas',
    message: 'autoScalingConfig.minReplicas must be greater than or equal to minAvailable',
  },
  {
    rule: 'autoScalingConfig.maxReplicas is at least replicas',
    valid: { [`${router}.spec.autoScalingConfig`]: { maxReplicas: 2 } },
    invalid: { [`${router}.spec.autoScalingConfig`]: { maxReplicas: 1 } },
    field: 'spec.template.cliques[0].spec.autoScalingConfig.maxReplicas',
    message: 'autoScalingConfig.maxReplicas must be greater than or equal to replicas',
  },
  {
    rule: 'autoScalingConfig.maxReplicas is at least minReplicas',
    valid: { [`${router}.spec.autoScalingConfig`]: { minReplicas: 3, maxReplicas: 3 } },
    invalid: { [`${router}.spec.autoScalingConfig`]: { minReplicas: 4, maxReplicas: 3 } },
    field: 'spec.template.cliques[0].spec.autoScalingConfig.maxReplicas',
    message: 'maxReplicas must be greater than or equal to minReplicas',
  },
  {
    rule: 'autoScalingConfig.maxReplicas is required (schema)',
    valid: { [`${router}.spec.autoScalingConfig`]: { maxReplicas: 5 } },
    invalid: { [`${router}.spec.autoScalingConfig`]: { minReplicas: 2 } },
    field: 'spec.template.cliques[0].spec.autoScalingConfig.maxReplicas',
    message: 'Required value',
  },
  {
    rule: 'members of a scaling group have no autoScalingConfig',
    valid: { [`${router}.spec.autoScalingConfig`]: { maxReplicas: 4 } },
    invalid: { [`${prefill}.spec.autoScalingConfig`]: { maxReplicas: 4 } },
    field: 'spec.template.cliques',
    message: 'cliques of a scaling group must not set spec.autoScalingConfig',
  },
  {
    rule: 'podSpec.nodeName is unset on create',
    valid: { [`${router}.spec.podSpec.nodeName`]: '' },
    invalid: { [`${router}.spec.podSpec.nodeName`]: 'kwok-node-0000' },
    field: 'spec.template.cliques[0].spec.podSpec.nodeName',
    message: 'podSpec.nodeName must not be set',
  },
  {
    rule: 'podSpec.topologySpreadConstraints is unset on create',
    valid: {},
    invalid: {
      [`${router}.spec.podSpec.topologySpreadConstraints`]: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule' }],
    },
    field: 'spec.template.cliques[0].spec.podSpec.topologySpreadConstraints',
    message: 'podSpec.topologySpreadConstraints must not be set',
  },
  {
    rule: 'env var names are unique per container (PodSpec list map)',
    valid: { [`${router}.spec.podSpec.containers.0.env`]: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] },
    invalid: { [`${router}.spec.podSpec.containers.0.env`]: [{ name: 'A', value: '1' }, { name: 'A', value: '2' }] },
    field: 'spec.template.cliques[0].spec.podSpec.containers[0].env[1]',
    message: 'Duplicate value',
  },
  {
    rule: 'roleName is unique across cliques (unset counts as empty)',
    valid: { [`${router}.spec.roleName`]: undefined },
    invalid: { [`${prefill}.spec.roleName`]: 'router' },
    field: 'spec.template.cliques',
    message: 'spec.roleName must be unique across cliques',
  },
  {
    rule: 'cliqueStartupType is one of the three startup types (schema enum)',
    valid: { 'spec.template.cliqueStartupType': 'CliqueStartupTypeInOrder' },
    invalid: { 'spec.template.cliqueStartupType': 'Sequential' },
    field: 'spec.template.cliqueStartupType',
    message: 'Unsupported value',
  },
  {
    rule: 'Explicit: startsAfter does not name the clique itself',
    valid: { ...explicit, [`${prefill}.spec.startsAfter`]: ['router'] },
    invalid: { ...explicit, [`${prefill}.spec.startsAfter`]: ['prefill'] },
    field: 'spec.template.cliques',
    message: 'startsAfter entries must be non-empty, must not name the clique itself and must not repeat',
  },
  {
    rule: 'Explicit: startsAfter entries do not repeat',
    valid: { ...explicit, [`${prefill}.spec.startsAfter`]: ['router', 'decode'] },
    invalid: { ...explicit, [`${prefill}.spec.startsAfter`]: ['router', 'router'] },
    field: 'spec.template.cliques',
    message: 'must not repeat',
  },
  {
    rule: 'Explicit: startsAfter entries are non-empty',
    valid: { ...explicit, [`${prefill}.spec.startsAfter`]: ['router'] },
    invalid: { ...explicit, [`${prefill}.spec.startsAfter`]: [''] },
    field: 'spec.template.cliques',
    message: 'must be non-empty',
  },
  {
    rule: 'Explicit: startsAfter names cliques of the template (ignored for other startup types)',
    valid: { [`${prefill}.spec.startsAfter`]: ['ghost'] },
    invalid: { ...explicit, [`${prefill}.spec.startsAfter`]: ['ghost'] },
    field: 'spec.template.cliques',
    message: 'startsAfter must name cliques defined in cliques',
  },
  {
    rule: 'metadata.name plus a standalone clique name fit 45 characters',
    valid: { ...standaloneOnly, 'metadata.name': 'a'.repeat(38) },
    invalid: { ...standaloneOnly, 'metadata.name': 'a'.repeat(39) },
    field: 'spec.template.cliques',
    message: 'may have at most 45 characters',
  },
  {
    rule: 'metadata.name plus scaling group and member clique names fit 45 characters',
    valid: { 'metadata.name': 'a'.repeat(31) },
    invalid: { 'metadata.name': 'a'.repeat(32) },
    field: 'spec.template.podCliqueScalingGroups',
    message: 'may have at most 45 characters',
  },
];

describe('PodCliqueSet cliques', () => createRuleTests(ctx, cases));
