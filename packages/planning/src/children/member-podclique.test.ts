import { aPodCliqueSet } from '@grove/fixtures';
import { describe, expect, it } from 'vitest';
import { podTemplateHash } from './hash.js';
import { expectedScalingGroupMemberPodCliqueNames, scalingGroupMemberPodClique } from './podcliques.js';
import { containerOf, envNames, multiNodeDisaggregated, pcsgEnvDemo, resolvedEnv, simple3 } from './test-support.spec.js';

const PCSG_ENV = ['GROVE_PCSG_NAME', 'GROVE_PCSG_TEMPLATE_NUM_PODS', 'GROVE_PCSG_INDEX'];

describe('scaling-group member PodClique (§2.4) with the multi-node-disaggregated sample', () => {
  const pcs = multiNodeDisaggregated();

  it('is named <pcs>-<i>-<group>-<j>-<clique> (§2.1)', () => {
    expect(scalingGroupMemberPodClique(pcs, 0, 'prefill', 1, 'pworker').metadata.name).toBe('multinode-disaggregated-0-prefill-1-pworker');
  });

  it('a replica below the group minAvailable is in the base gang, with no base-podgang label', () => {
    expect(scalingGroupMemberPodClique(pcs, 0, 'prefill', 0, 'pleader').metadata.labels).toEqual({
      'app.kubernetes.io/managed-by': 'grove-operator',
      'app.kubernetes.io/part-of': 'multinode-disaggregated',
      'app.kubernetes.io/name': 'multinode-disaggregated-0-prefill-0-pleader',
      'app.kubernetes.io/component': 'pcsg-podclique',
      'grove.io/podcliquescalinggroup': 'multinode-disaggregated-0-prefill',
      'grove.io/podgang': 'multinode-disaggregated-0',
      'grove.io/podcliqueset-replica-index': '0',
      'grove.io/podcliquescalinggroup-replica-index': '0',
      'grove.io/pod-template-hash': podTemplateHash(pcs, 'pleader'),
    });
  });

  it('a replica at or above minAvailable is in its own scaled gang and points at the base gang (Appendix A.4)', () => {
    const labels = scalingGroupMemberPodClique(pcs, 0, 'prefill', 1, 'pworker').metadata.labels;
    expect(labels).toMatchObject({
      'grove.io/podgang': 'multinode-disaggregated-0-prefill-0',
      'grove.io/base-podgang': 'multinode-disaggregated-0',
      'grove.io/podcliquescalinggroup-replica-index': '1',
    });
  });

  it.each([
    ['GROVE_PCSG_TEMPLATE_NUM_PODS sums the prefill template replicas (1 + 4)', 'prefill', 'pworker', '5'],
    ['GROVE_PCSG_TEMPLATE_NUM_PODS sums the decode template replicas (1 + 2)', 'decode', 'dleader', '3'],
  ])('%s', (_what, group, clique, expected) => {
    const pclq = scalingGroupMemberPodClique(pcs, 0, group, 0, clique);
    expect(resolvedEnv(containerOf(pclq, clique), {})['GROVE_PCSG_TEMPLATE_NUM_PODS']).toBe(expected);
  });

  it('the PCSG env vars read the pod labels: GROVE_PCSG_NAME is the PCSG FQN without the replica index (§1.8)', () => {
    const pclq = scalingGroupMemberPodClique(pcs, 0, 'prefill', 1, 'pworker');
    const env = resolvedEnv(containerOf(pclq, 'pworker'), pclq.metadata.labels ?? {});
    expect(env).toEqual({ GROVE_PCSG_NAME: 'multinode-disaggregated-0-prefill', GROVE_PCSG_TEMPLATE_NUM_PODS: '5', GROVE_PCSG_INDEX: '1' });
  });

  it('keeps the per-replica pod count (not multiplied by group replicas) unless the PodClique exists', () => {
    expect(scalingGroupMemberPodClique(pcs, 0, 'prefill', 1, 'pworker').spec.replicas).toBe(4);
    expect(scalingGroupMemberPodClique(pcs, 0, 'prefill', 1, 'pworker', 6).spec.replicas).toBe(6);
    expect(scalingGroupMemberPodClique(pcs, 0, 'prefill', 1, 'pworker').spec.minAvailable).toBe(4);
  });
});

describe('PCSG env var injection (§1.8 item 6)', () => {
  const envPcs = () =>
    aPodCliqueSet('env')
      .clique('lead', {
        podSpec: {
          containers: [
            { name: 'main', image: 'x', env: [{ name: 'USER_VAR', value: 'u' }, { name: 'GROVE_PCSG_INDEX', value: 'spoofed' }] },
            { name: 'side', image: 'y' },
          ],
          initContainers: [{ name: 'setup', image: 'z', env: [{ name: 'INIT_VAR', value: 'i' }] }],
        },
      })
      .scalingGroup('grp', ['lead'])
      .build();
  const pclq = scalingGroupMemberPodClique(envPcs(), 0, 'grp', 0, 'lead');

  it.each([
    ['main', [...PCSG_ENV, 'USER_VAR']],
    ['side', PCSG_ENV],
    ['setup', [...PCSG_ENV, 'INIT_VAR']],
  ])('prepends the three vars to %s and drops same-named user vars', (container, expected) => {
    expect(envNames(containerOf(pclq, container))).toEqual(expected);
  });

  it('Grove values win over a same-named user var', () => {
    expect(resolvedEnv(containerOf(pclq, 'main'), pclq.metadata.labels ?? {})['GROVE_PCSG_INDEX']).toBe('0');
  });

  it('does not touch the template, and containers share no env var objects', () => {
    const pcs = envPcs();
    const pristine = structuredClone(pcs);
    const built = scalingGroupMemberPodClique(pcs, 0, 'grp', 0, 'lead');
    expect(pcs).toEqual(pristine);
    expect(containerOf(built, 'main').env?.[0]).not.toBe(containerOf(built, 'side').env?.[0]);
  });
});

describe('member PodClique: the rest of the template (§2.4)', () => {
  it('the pcsg-env-vars sample: a worker rebuilds its leader FQN from GROVE_PCSG_NAME-GROVE_PCSG_INDEX-leader', () => {
    const pcs = pcsgEnvDemo();
    const worker = scalingGroupMemberPodClique(pcs, 0, 'model-instance', 1, 'worker');
    const env = resolvedEnv(containerOf(worker, 'worker'), worker.metadata.labels ?? {});
    const leaderName = `${env['GROVE_PCSG_NAME'] ?? ''}-${env['GROVE_PCSG_INDEX'] ?? ''}-leader`;
    expect(leaderName).toBe(scalingGroupMemberPodClique(pcs, 0, 'model-instance', 1, 'leader').metadata.name);
    expect(env['GROVE_PCSG_TEMPLATE_NUM_PODS']).toBe('4');
  });

  it('strips grove.io/topology-name from annotations and omits them when none remain', () => {
    const pcs = aPodCliqueSet('a')
      .clique('x', {}, { annotations: { keep: 'me', 'grove.io/topology-name': 'ct' } })
      .clique('y', {}, { annotations: { 'grove.io/topology-name': 'ct' } })
      .scalingGroup('g', ['x', 'y'])
      .build();
    expect(scalingGroupMemberPodClique(pcs, 0, 'g', 0, 'x').metadata.annotations).toEqual({ keep: 'me' });
    expect(scalingGroupMemberPodClique(pcs, 0, 'g', 0, 'y').metadata).not.toHaveProperty('annotations');
  });

  it('names the scaled gang <pcsgFQN>-<j-minAvailable> (§2.1)', () => {
    const pcs = aPodCliqueSet('s').clique('w').scalingGroup('g', ['w'], { replicas: 4, minAvailable: 2 }).build();
    expect(scalingGroupMemberPodClique(pcs, 0, 'g', 1, 'w').metadata.labels?.['grove.io/podgang']).toBe('s-0');
    expect(scalingGroupMemberPodClique(pcs, 0, 'g', 3, 'w').metadata.labels?.['grove.io/podgang']).toBe('s-0-g-1');
  });

  it.each([
    ['base-gang pcd waits for base-gang pcb and pcc', 1, ['simple3-0-sga-0-pcb', 'simple3-0-sga-1-pcb', 'simple3-0-sga-0-pcc', 'simple3-0-sga-1-pcc']],
    ['scaled-gang pcd waits for its own replica only', 2, ['simple3-0-sga-2-pcb', 'simple3-0-sga-2-pcc']],
  ])('resolves startsAfter with member rules (§5): %s', (_what, groupReplica, expected) => {
    expect(scalingGroupMemberPodClique(simple3(), 0, 'sga', groupReplica, 'pcd').spec.startsAfter).toEqual(expected);
  });

  it('omits startsAfter when a scaled member loses every dependency (simple3 pcb waits for standalone pca)', () => {
    expect(scalingGroupMemberPodClique(simple3(), 0, 'sga', 2, 'pcb').spec).not.toHaveProperty('startsAfter');
  });

  it.each([
    ['a clique outside the group', 'pca', /not a member of scaling group "sga"/],
    ['an unknown clique', 'nope', /clique "nope"/],
  ])('refuses %s', (_what, clique, error) => {
    expect(() => scalingGroupMemberPodClique(simple3(), 0, 'sga', 0, clique)).toThrow(error);
  });
});

describe('expectedScalingGroupMemberPodCliqueNames', () => {
  it('lists group replicas 0..n-1 × member cliques', () => {
    expect(expectedScalingGroupMemberPodCliqueNames(multiNodeDisaggregated(), 0, 'prefill', 2)).toEqual([
      'multinode-disaggregated-0-prefill-0-pleader',
      'multinode-disaggregated-0-prefill-0-pworker',
      'multinode-disaggregated-0-prefill-1-pleader',
      'multinode-disaggregated-0-prefill-1-pworker',
    ]);
  });
});
