import { aPodCliqueSet } from '@grove/fixtures';
import { describe, expect, it } from 'vitest';
import { podTemplateHash } from './hash.js';
import { expectedStandalonePodCliqueNames, standalonePodClique } from './podcliques.js';
import { simple3 } from './test-support.spec.js';

function servingPcs() {
  return aPodCliqueSet('svc')
    .replicas(2)
    .clique(
      'router',
      { replicas: 2, minAvailable: undefined, autoScalingConfig: { maxReplicas: 4 }, startsAfter: ['worker'] },
      {
        labels: { tier: 'front', 'app.kubernetes.io/managed-by': 'someone-else', 'grove.io/podgang': 'mine' },
        annotations: { note: 'keep', 'grove.io/topology-name': 'cluster' },
      },
    )
    .clique('worker', { replicas: 3, minAvailable: 2 }, { annotations: { 'grove.io/topology-name': 'cluster' } })
    .build();
}

describe('standalone PodClique (§2.2)', () => {
  it('is named <pcs>-<i>-<clique>, in the PCS namespace, without owner references or finalizers', () => {
    const pclq = standalonePodClique(servingPcs(), 1, 'router');
    expect(pclq.apiVersion).toBe('grove.io/v1alpha1');
    expect(pclq.kind).toBe('PodClique');
    expect(pclq.metadata.name).toBe('svc-1-router');
    expect(pclq.metadata.namespace).toBe('default');
    expect(pclq.metadata.ownerReferences).toBeUndefined();
    expect(pclq.metadata.finalizers).toBeUndefined();
  });

  it('labels = template labels ∪ default labels ∪ name, component, replica index, base gang, template hash; Grove keys win', () => {
    const pcs = servingPcs();
    expect(standalonePodClique(pcs, 1, 'router').metadata.labels).toEqual({
      tier: 'front',
      'app.kubernetes.io/managed-by': 'grove-operator',
      'app.kubernetes.io/part-of': 'svc',
      'app.kubernetes.io/name': 'svc-1-router',
      'app.kubernetes.io/component': 'pcs-podclique',
      'grove.io/podcliqueset-replica-index': '1',
      'grove.io/podgang': 'svc-1',
      'grove.io/pod-template-hash': podTemplateHash(pcs, 'router'),
    });
  });

  it.each([
    ['keeps the others', 'router', { note: 'keep' }],
    ['omits the field when nothing is left', 'worker', undefined],
  ])('annotations drop grove.io/topology-name (§1.8) and %s', (_what, clique, expected) => {
    expect(standalonePodClique(servingPcs(), 0, clique).metadata.annotations).toEqual(expected);
  });

  it.each([
    ['a new PodClique takes the template replicas', undefined, 2],
    ['an existing PodClique keeps its replicas (HPA / kubectl scale win, Appendix A.1)', 7, 7],
    ['even when scaled to zero', 0, 0],
  ])('%s', (_what, existing, expected) => {
    expect(standalonePodClique(servingPcs(), 0, 'router', existing).spec.replicas).toBe(expected);
  });

  it('copies the template spec, defaulting minAvailable to replicas, and shares no object with the template', () => {
    const pcs = servingPcs();
    const pristine = structuredClone(pcs);
    const spec = standalonePodClique(pcs, 0, 'router').spec;
    expect(spec).toEqual({
      roleName: 'router',
      replicas: 2,
      minAvailable: 2,
      autoScalingConfig: { maxReplicas: 4 },
      podSpec: { containers: [{ name: 'main', image: 'busybox' }] },
    });
    spec.podSpec.containers.push({ name: 'sidecar' });
    if (spec.autoScalingConfig !== undefined) spec.autoScalingConfig.maxReplicas = 99;
    expect(pcs).toEqual(pristine);
  });

  it('leaves template startsAfter clique names out under AnyOrder (§5)', () => {
    expect(standalonePodClique(servingPcs(), 0, 'router').spec).not.toHaveProperty('startsAfter');
  });

  it('rewrites startsAfter to FQNs under Explicit ordering (simple3 pce → base-gang pcb, pcc)', () => {
    expect(standalonePodClique(simple3(), 0, 'pce').spec.startsAfter).toEqual([
      'simple3-0-sga-0-pcb',
      'simple3-0-sga-1-pcb',
      'simple3-0-sga-0-pcc',
      'simple3-0-sga-1-pcc',
    ]);
    expect(standalonePodClique(simple3(), 0, 'pca').spec).not.toHaveProperty('startsAfter');
  });

  it('refuses a clique that belongs to a scaling group', () => {
    expect(() => standalonePodClique(simple3(), 0, 'pcb')).toThrow(/scaling group "sga"/);
  });
});

describe('expectedStandalonePodCliqueNames', () => {
  it.each([
    [2, ['p-0-a', 'p-0-c', 'p-1-a', 'p-1-c']],
    [0, []],
  ])('lists replicas 0..%i-1 × standalone cliques, skipping group members', (replicas, expected) => {
    const pcs = aPodCliqueSet('p').replicas(replicas).clique('a').clique('b').clique('c').scalingGroup('g', ['b']).build();
    expect(expectedStandalonePodCliqueNames(pcs)).toEqual(expected);
  });
});
