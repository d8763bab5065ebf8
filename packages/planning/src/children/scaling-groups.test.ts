import { aPodCliqueSet } from '@grove/fixtures';
import { describe, expect, it } from 'vitest';
import { expectedScalingGroupNames, podCliqueScalingGroup } from './scaling-groups.js';
import { multiNodeDisaggregated } from './test-support.spec.js';

describe('PodCliqueScalingGroup (§2.2)', () => {
  it('is named <pcs>-<i>-<group> with default, name, component and replica-index labels', () => {
    const pcsg = podCliqueScalingGroup(multiNodeDisaggregated(), 0, 'prefill');
    expect(pcsg.apiVersion).toBe('grove.io/v1alpha1');
    expect(pcsg.kind).toBe('PodCliqueScalingGroup');
    expect(pcsg.metadata).toEqual({
      name: 'multinode-disaggregated-0-prefill',
      namespace: 'default',
      labels: {
        'app.kubernetes.io/managed-by': 'grove-operator',
        'app.kubernetes.io/part-of': 'multinode-disaggregated',
        'app.kubernetes.io/name': 'multinode-disaggregated-0-prefill',
        'app.kubernetes.io/component': 'pcs-podcliquescalinggroup',
        'grove.io/podcliqueset-replica-index': '0',
      },
    });
  });

  it.each([
    ['a new PCSG takes the template replicas; minAvailable defaults to 1 (CRD)', undefined, { replicas: 2, minAvailable: 1 }],
    ['an existing PCSG keeps its replicas: later scaling is done on the PCSG (Appendix A.1)', 5, { replicas: 5, minAvailable: 1 }],
  ])('%s', (_what, existing, expected) => {
    expect(podCliqueScalingGroup(multiNodeDisaggregated(), 0, 'prefill', existing).spec).toEqual({ ...expected, cliqueNames: ['pleader', 'pworker'] });
  });

  it('copies the config annotations, inherits the PCS grove.io/mnnvl-group when the config has none (§1.1)', () => {
    const pcs = aPodCliqueSet('m').clique('a').clique('b').scalingGroup('g', ['a'], { annotations: { note: 'x' } }).scalingGroup('h', ['b'], { annotations: { 'grove.io/mnnvl-group': 'none' } }).build();
    pcs.metadata.annotations = { 'grove.io/mnnvl-group': 'fast' };
    expect(podCliqueScalingGroup(pcs, 0, 'g').metadata.annotations).toEqual({ note: 'x', 'grove.io/mnnvl-group': 'fast' });
    expect(podCliqueScalingGroup(pcs, 0, 'h').metadata.annotations).toEqual({ 'grove.io/mnnvl-group': 'none' });
  });

  it('omits annotations when there are none', () => {
    expect(podCliqueScalingGroup(multiNodeDisaggregated(), 0, 'decode').metadata).not.toHaveProperty('annotations');
  });

  it('does not share cliqueNames with the template', () => {
    const pcs = multiNodeDisaggregated();
    podCliqueScalingGroup(pcs, 0, 'decode').spec.cliqueNames.push('extra');
    expect(pcs.spec.template.podCliqueScalingGroups?.[1]?.cliqueNames).toEqual(['dleader', 'dworker']);
  });

  it('refuses an unknown group', () => {
    expect(() => podCliqueScalingGroup(multiNodeDisaggregated(), 0, 'nope')).toThrow(/scaling group "nope"/);
  });
});

describe('expectedScalingGroupNames', () => {
  it.each([
    [2, ['multinode-disaggregated-0-prefill', 'multinode-disaggregated-0-decode', 'multinode-disaggregated-1-prefill', 'multinode-disaggregated-1-decode']],
    [0, []],
  ])('lists replicas 0..%i-1 × group configs', (replicas, expected) => {
    const pcs = multiNodeDisaggregated();
    pcs.spec.replicas = replicas;
    expect(expectedScalingGroupNames(pcs)).toEqual(expected);
  });

  it('is empty without scaling groups', () => {
    expect(expectedScalingGroupNames(aPodCliqueSet('p').replicas(3).clique('a').build())).toEqual([]);
  });
});
