import type { PodClique, PodCliqueUpdateProgress } from '@grove/api';
import type { V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { convergedHashes, planPodCliqueRollout, type PodCliqueRolloutInput } from './podclique-rollout.js';
import { aLivePodClique, aPod, convergedStatus, EARLIER, names, NOW } from './test-support.js';

const GEN = 'gen-2';
const at = NOW.toISOString();

/** pc-a of replica 0: 3 pods, minAvailable 2, hash label already patched to a-2 by the PCS. */
/** `'none'`: a PodClique just created, without any status. */
function podClique(status: PodClique['status'] | 'none' = convergedStatus('a-1', 'gen-1', 3)): PodClique {
  return aLivePodClique('wl-0-pc-a', { hash: 'a-2', replicas: 3, minAvailable: 2, pcsReplica: 0, ...(status !== 'none' && { status }) });
}

const oldPods = (): V1Pod[] => [
  aPod('p-0', { hash: 'a-1', createdAt: '2026-01-01T10:00:02Z' }),
  aPod('p-1', { hash: 'a-1', createdAt: '2026-01-01T10:00:01Z' }),
  aPod('p-2', { hash: 'a-1', createdAt: '2026-01-01T10:00:03Z' }),
];

function plan(overrides: Partial<PodCliqueRolloutInput> = {}) {
  return planPodCliqueRollout({
    podClique: podClique(),
    pods: oldPods(),
    pcsGenerationHash: GEN,
    expectedPodTemplateHash: 'a-2',
    mayReplacePods: true,
    onDelete: false,
    now: NOW,
    ...overrides,
  });
}

const fresh: PodCliqueUpdateProgress = { updateStartedAt: at, podCliqueSetGenerationHash: GEN, podTemplateHash: 'a-2' };
const running = (extra: Partial<PodCliqueUpdateProgress> = {}): PodCliqueUpdateProgress => ({
  updateStartedAt: EARLIER,
  podCliqueSetGenerationHash: GEN,
  podTemplateHash: 'a-2',
  ...extra,
});
const withRecord = (record: PodCliqueUpdateProgress): PodClique => podClique({ ...convergedStatus('a-1', 'gen-1', 3), updateProgress: record });

describe('planPodCliqueRollout — the update record (§6.3)', () => {
  it('starts an update when the PCS hash moved past what the PodClique converged to, and rolls on the same pass', () => {
    const result = plan();
    expect(result.resetUpdatedReplicas).toBe(true);
    expect(result.updateProgress).toEqual({ ...fresh, readyPodsSelectedToUpdate: { current: 'p-1' } });
    expect(names(result.deletePods)).toEqual(['p-1']);
  });

  it('resets a running record that targets an older PCS hash', () => {
    const result = plan({ podClique: withRecord(running({ podCliqueSetGenerationHash: 'gen-1', readyPodsSelectedToUpdate: { current: 'p-9' } })) });
    expect(result.resetUpdatedReplicas).toBe(true);
    expect(result.updateProgress).toEqual({ ...fresh, readyPodsSelectedToUpdate: { current: 'p-1' } });
  });

  it('keeps a running record for the current hash (no reset)', () => {
    const result = plan({ podClique: withRecord(running()) });
    expect(result.resetUpdatedReplicas).toBe(false);
    expect(result.updateProgress).toEqual(running({ readyPodsSelectedToUpdate: { current: 'p-1' } }));
  });

  it('does nothing once the record for the current hash has ended', () => {
    expect(plan({ podClique: withRecord(running({ updateEndedAt: EARLIER })) })).toEqual({
      updateProgress: undefined,
      resetUpdatedReplicas: false,
      deletePods: [],
      requeue: false,
    });
  });

  it('skips a PodClique that already converged to the current hash without a record', () => {
    const result = plan({ podClique: podClique(convergedStatus('a-2', GEN, 3)), pods: [] });
    expect(result).toEqual({ updateProgress: undefined, resetUpdatedReplicas: false, deletePods: [], requeue: false });
  });

  it('a brand-new PodClique gets a record that ends on the same pass (no old pods)', () => {
    const pods = [aPod('n-0', { hash: 'a-2', ready: false })];
    const result = plan({ podClique: podClique('none'), pods });
    expect(result).toEqual({ updateProgress: { ...fresh, updateEndedAt: at }, resetUpdatedReplicas: true, deletePods: [], requeue: false });
  });

  it('waits for the PCS to record its first hash', () => {
    expect(plan({ pcsGenerationHash: undefined }).updateProgress).toBeUndefined();
  });

  it('§6.3: touches nothing while another PCS replica is being updated (mayReplacePods = false)', () => {
    const result = plan({ podClique: withRecord(running()), mayReplacePods: false, pods: [...oldPods(), aPod('x', { hash: 'a-1', ready: false })] });
    expect(result).toEqual({ updateProgress: undefined, resetUpdatedReplicas: false, deletePods: [], requeue: false });
  });
});

describe('planPodCliqueRollout — OnDelete (§6.5, OD-1)', () => {
  it('records the update as already ended and deletes no pod, even outside the updating replica', () => {
    const result = plan({ onDelete: true, mayReplacePods: false, pods: [...oldPods(), aPod('x', { hash: 'a-1', ready: false })] });
    expect(result).toEqual({ updateProgress: { ...fresh, updateEndedAt: at }, resetUpdatedReplicas: true, deletePods: [], requeue: false });
  });

  it('ends a record left running by RollingRecreate before the switch (OD-9)', () => {
    const result = plan({ onDelete: true, podClique: withRecord(running({ readyPodsSelectedToUpdate: { current: 'p-1' } })) });
    expect(result).toEqual({ updateProgress: running({ updateEndedAt: at }), resetUpdatedReplicas: false, deletePods: [], requeue: false });
  });
});

describe('convergedHashes (§1.2, §6.3)', () => {
  const ended = running({ updateEndedAt: EARLIER });
  const stamped = { currentPodTemplateHash: 'a-2', currentPodCliqueSetGenerationHash: GEN };

  it.each<[string, PodClique, number, string | undefined, typeof stamped | undefined]>([
    ['an ended record with every pod updated stamps the record hashes', withRecord(ended), 3, undefined, stamped],
    ['a running record never stamps', withRecord(running()), 3, GEN, undefined],
    ['not every pod updated yet', withRecord(ended), 2, GEN, undefined],
    ['already stamped: nothing to write', podClique({ ...convergedStatus('a-2', GEN, 3), updateProgress: ended }), 3, GEN, undefined],
    ['a brand-new PodClique without a record takes its label and the PCS hash', podClique('none'), 3, GEN, stamped],
    ['no record and converged to another template: wait for a record', podClique(convergedStatus('a-1', 'gen-1', 3)), 3, GEN, undefined],
    ['no record and no PCS hash given', podClique('none'), 3, undefined, undefined],
  ])('%s', (_name, pclq, updatedReplicas, pcsHash, expected) => {
    expect(convergedHashes(pclq, updatedReplicas, pcsHash)).toEqual(expected);
  });
});
