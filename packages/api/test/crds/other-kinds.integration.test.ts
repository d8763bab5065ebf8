/** Rules of the operator-written kinds (PodClique, PodCliqueScalingGroup, PodGang) and of ClusterTopologyBinding. */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { rejection } from './support/api.js';
import { at, patched } from './support/manifest.js';
import { aClusterTopologyBinding, aPodClique, aPodGang } from './support/objects.js';
import { createRuleTests, expectNamed, type RuleCase } from './support/rule-cases.js';
import { useCrdSuite } from './support/suite.js';

const suite = useCrdSuite('crd-other-kinds');

// Cluster-scoped: a per-run suffix keeps names apart on the shared cluster (creates below are dry runs).
const ctName = (name: string) => `${name}-${randomBytes(3).toString('hex')}`;

const topologyCases: RuleCase[] = [
  {
    rule: 'ClusterTopologyBinding has at least one level (schema minItems)',
    valid: { 'spec.levels': [{ domain: 'host', key: 'kubernetes.io/hostname' }] },
    invalid: { 'spec.levels': [] },
    field: 'spec.levels',
    message: /at least 1 item/,
  },
  {
    rule: 'level domains are unique',
    valid: { 'spec.levels.3': { domain: 'numa', key: 'example.com/numa' } },
    invalid: { 'spec.levels.3': { domain: 'zone', key: 'example.com/zone' } },
    field: 'spec.levels',
    message: 'levels[*].domain must be unique',
  },
  {
    rule: 'level keys are unique',
    valid: { 'spec.levels.3': { domain: 'block', key: 'topology.grove.io/block' } },
    invalid: { 'spec.levels.3': { domain: 'block', key: 'kubernetes.io/hostname' } },
    field: 'spec.levels',
    message: 'levels[*].key must be unique',
  },
  {
    rule: 'a level domain is a lowercase name (schema pattern)',
    valid: { 'spec.levels.0.domain': 'region-1' },
    invalid: { 'spec.levels.0.domain': 'Zone' },
    field: 'spec.levels[0].domain',
    message: 'should match',
  },
  {
    rule: 'a level key is a label key (schema pattern)',
    valid: { 'spec.levels.0.key': 'example.com/zone_a' },
    invalid: { 'spec.levels.0.key': 'not a key' },
    field: 'spec.levels[0].key',
    message: 'should match',
  },
  {
    rule: 'scheduler topology bindings name each scheduler once',
    valid: { 'spec.schedulerTopologyBindings': [{ schedulerName: 'kai-scheduler', topologyReference: 'kai-topology' }] },
    invalid: {
      'spec.schedulerTopologyBindings': [
        { schedulerName: 'kai-scheduler', topologyReference: 'a' },
        { schedulerName: 'kai-scheduler', topologyReference: 'b' },
      ],
    },
    field: 'spec.schedulerTopologyBindings',
    message: 'schedulerTopologyBindings[*].schedulerName must be unique',
  },
];

const podCliqueCases: RuleCase[] = [
  {
    rule: 'PodClique autoScalingConfig.maxReplicas is at least minReplicas',
    valid: { 'spec.autoScalingConfig': { minReplicas: 2, maxReplicas: 2 } },
    invalid: { 'spec.autoScalingConfig': { minReplicas: 3, maxReplicas: 2 } },
    field: 'spec.autoScalingConfig.maxReplicas',
    message: 'maxReplicas must be greater than or equal to minReplicas',
  },
  {
    rule: 'PodClique replicas is not negative (schema minimum; 0 is allowed)',
    valid: { 'spec.replicas': 0 },
    invalid: { 'spec.replicas': -1 },
    field: 'spec.replicas',
    message: 'greater than or equal to 0',
  },
  {
    rule: 'PodClique minAvailable is positive (schema minimum)',
    valid: { 'spec.minAvailable': 1 },
    invalid: { 'spec.minAvailable': 0 },
    field: 'spec.minAvailable',
    message: 'greater than or equal to 1',
  },
];

describe('ClusterTopologyBinding', () => {
  createRuleTests({ ...suite, kind: 'ClusterTopologyBinding', base: (name) => aClusterTopologyBinding(ctName(name)) }, topologyCases);

  it('is cluster-scoped', async () => {
    const name = ctName('scope');
    const created = await suite.api().create('ClusterTopologyBinding', '', aClusterTopologyBinding(name));
    try {
      expect(at(created, 'metadata.namespace')).toBeUndefined();
      expect(at(created, 'spec.levels.0.domain')).toBe('zone');
    } finally {
      await suite.api().delete('ClusterTopologyBinding', '', name);
    }
  });
});

describe('PodClique', () => createRuleTests({ ...suite, kind: 'PodClique', base: aPodClique }, podCliqueCases));

describe('PodGang', () => {
  it('requires spec.podgroups', async () => {
    const message = await rejection(suite.api().create('PodGang', suite.namespace(), patched(aPodGang('no-groups'), { 'spec.podgroups': undefined }), { dryRun: true }));
    expectNamed(message, { rule: 'podgroups required', valid: {}, invalid: {}, field: 'spec.podgroups', message: 'Required value' });
  });

  it('accepts the scheduler phases in status and refuses others', async () => {
    const api = suite.api();
    const stored = await api.create('PodGang', suite.namespace(), aPodGang('phases'));
    const running = await api.replaceStatus('PodGang', suite.namespace(), patched(stored, { status: { phase: 'Running', placementScore: 0.75 } }));
    expect(at(running, 'status.phase')).toBe('Running');
    const message = await rejection(api.replaceStatus('PodGang', suite.namespace(), patched(running, { 'status.phase': 'Exploded' })));
    expectNamed(message, { rule: 'phase enum', valid: {}, invalid: {}, field: 'status.phase', message: 'Unsupported value' });
  });
});
