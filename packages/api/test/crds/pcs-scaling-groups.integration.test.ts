/** PodCliqueSet rules about podCliqueScalingGroups: names, membership, sizes and autoscaling. */
import { describe } from 'vitest';
import { aPodCliqueSet } from './support/objects.js';
import { createRuleTests, type RuleCase } from './support/rule-cases.js';
import { useCrdSuite } from './support/suite.js';

const suite = useCrdSuite('crd-pcs-groups');
const ctx = { ...suite, kind: 'PodCliqueSet', base: aPodCliqueSet } as const;

const workers = 'spec.template.podCliqueScalingGroups.0';
const secondGroup = 'spec.template.podCliqueScalingGroups.1';

const cases: RuleCase[] = [
  {
    rule: 'scaling group name is a DNS subdomain',
    valid: { [`${workers}.name`]: 'workers.v2' },
    invalid: { [`${workers}.name`]: 'Workers!' },
    field: 'spec.template.podCliqueScalingGroups[0].name',
    message: 'must be a DNS subdomain',
  },
  {
    rule: 'scaling group names are unique (list map keyed by name)',
    valid: { [secondGroup]: { name: 'edge', cliqueNames: ['router'] } },
    invalid: { [secondGroup]: { name: 'workers', cliqueNames: ['router'] } },
    field: 'spec.template.podCliqueScalingGroups[1]',
    message: 'Duplicate value',
  },
  {
    rule: 'cliqueNames name cliques of the template',
    valid: { [`${workers}.cliqueNames`]: ['prefill'] },
    invalid: { [`${workers}.cliqueNames`]: ['prefill', 'ghost'] },
    field: 'spec.template.podCliqueScalingGroups',
    message: 'cliqueNames must name cliques defined in cliques',
  },
  {
    rule: 'a clique belongs to at most one scaling group',
    valid: { [secondGroup]: { name: 'edge', cliqueNames: ['router'] } },
    invalid: { [secondGroup]: { name: 'edge', cliqueNames: ['prefill'] } },
    field: 'spec.template.podCliqueScalingGroups',
    message: 'a clique may appear only once',
  },
  {
    rule: 'a clique appears once in a group cliqueNames',
    valid: {},
    invalid: { [`${workers}.cliqueNames`]: ['prefill', 'prefill', 'decode'] },
    field: 'spec.template.podCliqueScalingGroups',
    message: 'a clique may appear only once',
  },
  {
    rule: 'scaling group replicas is positive (schema minimum)',
    valid: { [`${workers}.replicas`]: 1 },
    invalid: { [`${workers}.replicas`]: 0 },
    field: 'spec.template.podCliqueScalingGroups[0].replicas',
    message: 'greater than or equal to 1',
  },
  {
    rule: 'scaling group minAvailable is positive (schema minimum)',
    valid: { [`${workers}.minAvailable`]: 1 },
    invalid: { [`${workers}.minAvailable`]: 0 },
    field: 'spec.template.podCliqueScalingGroups[0].minAvailable',
    message: 'greater than or equal to 1',
  },
  {
    rule: 'scaling group minAvailable does not exceed replicas',
    valid: { [`${workers}.minAvailable`]: 2 },
    invalid: { [`${workers}.minAvailable`]: 3 },
    field: 'spec.template.podCliqueScalingGroups[0].minAvailable',
    message: 'minAvailable must not be greater than replicas',
  },
  {
    rule: 'scaleConfig.minReplicas is at least minAvailable',
    valid: { [`${workers}.minAvailable`]: 2, [`${workers}.scaleConfig`]: { minReplicas: 2, maxReplicas: 4 } },
    invalid: { [`${workers}.minAvailable`]: 2, [`${workers}.scaleConfig`]: { minReplicas: 1, maxReplicas: 4 } },
    field: 'spec.template.podCliqueScalingGroups[0].scaleConfig.minReplicas',
    message: 'scaleConfig.minReplicas must be greater than or equal to minAvailable',
  },
  {
    rule: 'scaleConfig.maxReplicas is at least minReplicas',
    valid: { [`${workers}.scaleConfig`]: { minReplicas: 3, maxReplicas: 3 } },
    invalid: { [`${workers}.scaleConfig`]: { minReplicas: 4, maxReplicas: 3 } },
    field: 'spec.template.podCliqueScalingGroups[0].scaleConfig.maxReplicas',
    message: 'maxReplicas must be greater than or equal to minReplicas',
  },
];

describe('PodCliqueSet scaling groups', () => createRuleTests(ctx, cases));
