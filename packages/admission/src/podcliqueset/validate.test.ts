import { describe, expect, it } from 'vitest';
import type { PodCliqueSet } from '@grove/api';
import { aPodCliqueSet } from '@grove/fixtures';
import { found, plain, withTopology } from '../../test/context.js';
import { aggregateMessage } from '../field-errors.js';
import { defaultPodCliqueSet } from './defaults.js';
import { validatePodCliqueSet } from './validate.js';

const sample = () =>
  aPodCliqueSet('simple1')
    .clique('pca', { replicas: 2, minAvailable: 1, autoScalingConfig: { minReplicas: 1, maxReplicas: 3 } })
    .clique('pcb')
    .clique('pcc')
    .clique('pcd')
    .scalingGroup('sga', ['pcb', 'pcc'], { scaleConfig: { minReplicas: 1, maxReplicas: 3 } })
    .build();

describe('validatePodCliqueSet', () => {
  it('accepts a valid object on create and an unchanged one on update', () => {
    expect(validatePodCliqueSet({ operation: 'CREATE', object: sample() }, plain)).toEqual({ errors: [], warnings: [] });
    expect(validatePodCliqueSet({ operation: 'UPDATE', object: sample(), oldObject: sample() }, plain)).toEqual({ errors: [], warnings: [] });
  });

  it('accepts what the defaulter made of a clique with replicas 0 and no minAvailable (Grove rejected it)', () => {
    const pcs = defaultPodCliqueSet(aPodCliqueSet().clique('a', { replicas: 0, minAvailable: undefined }).build());
    expect(validatePodCliqueSet({ operation: 'CREATE', object: pcs }, plain).errors).toEqual([]);
  });

  it('reports every offending field of every rule in one message', () => {
    const pcs = aPodCliqueSet()
      .explicitStartup()
      .clique('a', { startsAfter: ['b'] })
      .clique('b', { startsAfter: ['a'], minAvailable: 5 })
      .with({ topologyConstraint: { topologyName: 'cluster', pack: { required: 'zone' } } })
      .build();
    const { errors } = validatePodCliqueSet({ operation: 'CREATE', object: pcs }, plain);
    const message = aggregateMessage(errors);
    for (const field of ['spec.template.cliques[1].spec.minAvailable', 'spec.template.cliques[0].spec.startsAfter', 'spec.template.topologyConstraint']) {
      expect(message).toContain(`${field}:`);
    }
  });

  it('runs the topology checks only on create', () => {
    const pcs = aPodCliqueSet().with({ topologyConstraint: { topologyName: 'cluster', pack: { required: 'region' } } }).clique('a').build();
    expect(found(validatePodCliqueSet({ operation: 'CREATE', object: pcs }, withTopology).errors)).toEqual(['FieldValueNotFound spec.template.topologyConstraint.pack.required']);
    expect(validatePodCliqueSet({ operation: 'UPDATE', object: pcs, oldObject: pcs }, withTopology).errors).toEqual([]);
  });

  it('answers malformed objects with type errors instead of throwing', () => {
    const malformed = [
      {},
      { metadata: {}, spec: 'x' },
      { metadata: {}, spec: { template: { cliques: {} } } },
      { metadata: {}, spec: { template: { cliques: [null] } } },
      { metadata: {}, spec: { template: { cliques: [{ name: 7, spec: { podSpec: {} } }] } } },
      { metadata: {}, spec: { template: { cliques: [{ name: 'a', spec: { podSpec: { containers: [{ env: [{ name: 1 }] }] } } }] } } },
    ];
    for (const object of malformed) {
      const result = validatePodCliqueSet({ operation: 'CREATE', object: object as unknown as PodCliqueSet }, plain);
      expect(result.errors.length).toBeGreaterThan(0);
    }
  });

  it('skips the immutables, with a warning, when the stored object is unreadable', () => {
    const result = validatePodCliqueSet({ operation: 'UPDATE', object: sample(), oldObject: {} as PodCliqueSet }, plain);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toHaveLength(1);
  });
});
