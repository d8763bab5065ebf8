import { LABEL } from '@grove/api';
import { aPodCliqueSet } from '@grove/fixtures';
import { describe, expect, it } from 'vitest';
import { pcsReplicaCounts, replicaAvailable, replicaUpdated, type PcsStatusInput } from './pcs-status.js';
import { aScalingGroup, aStandalonePodClique } from './test/support.js';

/** `svc` × 2: standalone `router` (2 pods, min 1) and scaling group `prefill` = [leader, worker]. */
const pcs = aPodCliqueSet('svc')
  .replicas(2)
  .clique('router', { replicas: 2, minAvailable: 1 })
  .clique('leader')
  .clique('worker')
  .scalingGroup('prefill', ['leader', 'worker'], { replicas: 2, minAvailable: 1 })
  .build();

const GEN = 'gen-2';
const templateHashes = new Map([['router', 'tpl-router']]);

/** A standalone PodClique that is available and converged on the current generation. */
const router = (replica: number) => aStandalonePodClique('svc', replica, 'router').replicas(2, 1).healthy().converged('tpl-router', GEN);
/** A PCSG that is available (1 ≥ minAvailable 1) and reports the current generation. */
const prefill = (replica: number) => aScalingGroup('svc', replica, 'prefill', ['leader', 'worker']).available(1).status({ currentPodCliqueSetGenerationHash: GEN });

function input(overrides: Partial<PcsStatusInput> = {}): PcsStatusInput {
  return {
    pcs,
    generationHash: GEN,
    podCliques: [router(0).build(), router(1).build()],
    scalingGroups: [prefill(0).build(), prefill(1).build()],
    templateHashes,
    ...overrides,
  };
}

describe('pcsReplicaCounts (§1.1, §6.6)', () => {
  it('counts every replica available and updated when all children are converged', () => {
    expect(pcsReplicaCounts(input())).toEqual({
      availableReplicas: 2,
      updatedReplicas: 2,
      updatedPodCliquesCount: 2,
      totalPodCliquesCount: 2,
      updatedPodCliqueScalingGroupsCount: 2,
      totalPodCliqueScalingGroupsCount: 2,
    });
  });

  it('is all zeros for a PodCliqueSet scaled to 0', () => {
    const none = aPodCliqueSet('svc').replicas(0).clique('router').build();
    expect(pcsReplicaCounts(input({ pcs: none }))).toEqual({
      availableReplicas: 0,
      updatedReplicas: 0,
      updatedPodCliquesCount: 0,
      totalPodCliquesCount: 0,
      updatedPodCliqueScalingGroupsCount: 0,
      totalPodCliqueScalingGroupsCount: 0,
    });
  });

  it('counts standalone PodCliques and PCSGs separately from replica availability', () => {
    const oldRouter = router(1).label(LABEL.podTemplateHash, 'tpl-old');
    const oldGroup = prefill(0).status({ currentPodCliqueSetGenerationHash: 'gen-1' });
    const counts = pcsReplicaCounts(input({ podCliques: [router(0).build(), oldRouter.build()], scalingGroups: [oldGroup.build(), prefill(1).build()] }));
    expect(counts).toMatchObject({
      availableReplicas: 2,
      updatedReplicas: 0,
      updatedPodCliquesCount: 1,
      totalPodCliquesCount: 2,
      updatedPodCliqueScalingGroupsCount: 1,
      totalPodCliqueScalingGroupsCount: 2,
    });
  });

  it('keeps the totals at what the template expects when children are missing', () => {
    const counts = pcsReplicaCounts(input({ podCliques: [router(0).build()], scalingGroups: [] }));
    expect(counts).toMatchObject({ availableReplicas: 0, totalPodCliquesCount: 2, totalPodCliqueScalingGroupsCount: 2, updatedPodCliquesCount: 1 });
  });

  it('ignores stray children: replica indices past spec.replicas and cliques the template no longer has', () => {
    const strays = [aStandalonePodClique('svc', 2, 'router').healthy().converged('tpl-router', GEN).build(), aStandalonePodClique('svc', 0, 'old').build()];
    const strayGroup = aScalingGroup('svc', 2, 'prefill', ['leader', 'worker']).available(1).status({ currentPodCliqueSetGenerationHash: GEN });
    const base = input();
    const counts = pcsReplicaCounts({ ...base, podCliques: [...base.podCliques, ...strays], scalingGroups: [...base.scalingGroups, strayGroup.build()] });
    expect(counts).toEqual(pcsReplicaCounts(base));
  });

  it('does not count terminating children as updated', () => {
    const podCliques = [router(0).terminating().build(), router(1).build()];
    const scalingGroups = [prefill(0).terminating().build(), prefill(1).build()];
    const counts = pcsReplicaCounts(input({ podCliques, scalingGroups }));
    expect(counts).toMatchObject({ availableReplicas: 1, updatedPodCliquesCount: 1, updatedPodCliqueScalingGroupsCount: 1 });
  });
});

describe('replicaAvailable (§1.1)', () => {
  it.each([
    ['all children are present and healthy', true, input()],
    ['a standalone PodClique has fewer Ready pods than minAvailable', false, input({ podCliques: [router(0).ready(0).build()] })],
    ['a standalone PodClique is missing', false, input({ podCliques: [] })],
    ['the only standalone PodClique is terminating', false, input({ podCliques: [router(0).terminating().build()] })],
    ['a PCSG has fewer available replicas than its minAvailable', false, input({ scalingGroups: [prefill(0).available(0).build()] })],
    ['a PCSG is missing', false, input({ scalingGroups: [] })],
    ['the only PCSG is terminating', false, input({ scalingGroups: [prefill(0).terminating().build()] })],
  ])('replica 0 when %s → %s', (_, expected, given) => {
    expect(replicaAvailable(given, 0)).toBe(expected);
  });

  it('needs only minAvailable Ready pods: one lost pod of two (min 1) keeps the replica available', () => {
    expect(replicaAvailable(input({ podCliques: [router(0).ready(1).build()] }), 0)).toBe(true);
  });

  it('defaults minAvailable to replicas for the PodClique and to 1 for the PCSG', () => {
    const threePods = (ready: number) => aStandalonePodClique('svc', 0, 'router').replicas(3).healthy().ready(ready).build();
    const noMin = (available: number) => prefill(0).replicas(2).available(available).build();
    expect(replicaAvailable(input({ podCliques: [threePods(3)], scalingGroups: [noMin(1)] }), 0)).toBe(true);
    expect(replicaAvailable(input({ podCliques: [threePods(2)], scalingGroups: [noMin(1)] }), 0)).toBe(false);
    expect(replicaAvailable(input({ podCliques: [threePods(3)], scalingGroups: [noMin(0)] }), 0)).toBe(false);
  });

  it('is judged per replica from the names of its children', () => {
    const given = input({ podCliques: [router(1).build()], scalingGroups: [prefill(1).build()] });
    expect([replicaAvailable(given, 0), replicaAvailable(given, 1)]).toEqual([false, true]);
  });
});

describe('replicaUpdated (§1.1, §6.2)', () => {
  it.each([
    ['every child is converged on the current generation', true, input()],
    ['the replica is not available, even though converged', false, input({ podCliques: [router(0).ready(0).build()] })],
    ['a standalone PodClique still carries the old template hash label', false, input({ podCliques: [router(0).label(LABEL.podTemplateHash, 'tpl-old').build()] })],
    ['a standalone PodClique has not stamped the new template in status', false, input({ podCliques: [router(0).status({ currentPodTemplateHash: 'tpl-old' }).build()] })],
    ['a standalone PodClique converged on an older generation', false, input({ podCliques: [router(0).status({ currentPodCliqueSetGenerationHash: 'gen-1' }).build()] })],
    ['fewer than minAvailable pods run the new template', false, input({ podCliques: [router(0).status({ updatedReplicas: 0 }).build()] })],
    ['a PCSG has not converged on the generation', false, input({ scalingGroups: [prefill(0).status({ currentPodCliqueSetGenerationHash: 'gen-1' }).build()] })],
    ['no template hash is known for the clique', false, input({ templateHashes: new Map() })],
  ])('replica 0 when %s → %s', (_, expected, given) => {
    expect(replicaUpdated(given, 0)).toBe(expected);
  });
});
