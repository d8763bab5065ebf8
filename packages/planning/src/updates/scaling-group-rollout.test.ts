import type { PodCliqueScalingGroupUpdateProgress, PodCliqueSet } from '@grove/api';
import { aPodCliqueSet } from '@grove/fixtures';
import { describe, expect, it } from 'vitest';
import { planScalingGroupRollout } from './scaling-group-rollout.js';
import { GEN, members, scalingGroup, TEMPLATE_HASHES, type ReplicaState } from './scaling-group-test-support.js';
import { EARLIER, NOW } from './test-support.js';

const at = NOW.toISOString();

function workload(strategy: 'RollingRecreate' | 'OnDelete' = 'RollingRecreate'): PodCliqueSet {
  const pcs = aPodCliqueSet('wl')
    .clique('pc-a', { replicas: 2, minAvailable: 2 })
    .clique('pc-b')
    .clique('pc-c', { replicas: 3, minAvailable: 3 })
    .scalingGroup('sg-x', ['pc-b', 'pc-c'], { replicas: 2, minAvailable: 2 })
    .build();
  pcs.spec.updateStrategy = { type: strategy };
  pcs.status = { currentGenerationHash: GEN };
  return pcs;
}

const running = (extra: Partial<PodCliqueScalingGroupUpdateProgress> = {}): PodCliqueScalingGroupUpdateProgress => ({
  updateStartedAt: EARLIER,
  podCliqueSetGenerationHash: GEN,
  ...extra,
});
const selecting = (current: number, completed?: number[]) => running({ readyReplicaIndicesSelectedToUpdate: { current, ...(completed && { completed }) } });

interface Pass {
  readonly states: ReplicaState[];
  readonly record?: PodCliqueScalingGroupUpdateProgress;
  readonly minAvailable?: number;
  readonly pcs?: PodCliqueSet;
  readonly mayReplace?: boolean;
}

function pass(p: Pass) {
  return planScalingGroupRollout({
    pcs: p.pcs ?? workload(),
    scalingGroup: scalingGroup(p.states.length, p.minAvailable ?? 1, p.record),
    memberPodCliques: members(p.states),
    templateHashes: TEMPLATE_HASHES,
    mayReplace: p.mayReplace ?? true,
    now: NOW,
  });
}

const nothing = { updateProgress: undefined, resetUpdatedReplicas: false, deleteReplicaIndices: [], requeue: false };

describe('planScalingGroupRollout — the update record (§6.4)', () => {
  it('starts when its PCS replica is being updated, and replaces the lowest Ready old replica on the same pass', () => {
    expect(pass({ states: ['old', 'old'] })).toEqual({
      updateProgress: { updateStartedAt: at, podCliqueSetGenerationHash: GEN, readyReplicaIndicesSelectedToUpdate: { current: 0 } },
      resetUpdatedReplicas: true,
      deleteReplicaIndices: [0],
      requeue: true,
    });
  });

  it('resets a record made for an older PCS hash', () => {
    const result = pass({ states: ['new', 'old'], record: running({ podCliqueSetGenerationHash: 'gen-1', readyReplicaIndicesSelectedToUpdate: { current: 0 } }) });
    expect(result.resetUpdatedReplicas).toBe(true);
    expect(result.updateProgress).toEqual({ updateStartedAt: at, podCliqueSetGenerationHash: GEN, readyReplicaIndicesSelectedToUpdate: { current: 1 } });
  });

  it('does nothing while another PCS replica is being updated', () => {
    expect(pass({ states: ['old', 'oldPending'], mayReplace: false })).toEqual(nothing);
  });

  it('does nothing before the PCS has a hash, or once the record for this hash has ended', () => {
    const firstReconcile = workload();
    firstReconcile.status = {};
    expect(pass({ states: ['old'], pcs: firstReconcile })).toEqual(nothing);
    expect(pass({ states: ['old'], record: running({ updateEndedAt: EARLIER }) })).toEqual(nothing);
  });

  it('§6.5 OnDelete (OD-4): an already-ended record, no replica deleted, whatever replica is updating', () => {
    expect(pass({ states: ['old', 'oldPending'], pcs: workload('OnDelete'), mayReplace: false })).toEqual({
      ...nothing,
      updateProgress: { updateStartedAt: at, podCliqueSetGenerationHash: GEN, updateEndedAt: at },
      resetUpdatedReplicas: true,
    });
  });

  it('OnDelete ends a record left running by RollingRecreate', () => {
    expect(pass({ states: ['old'], pcs: workload('OnDelete'), record: selecting(0) }).updateProgress).toEqual(running({ updateEndedAt: at }));
  });
});

describe('planScalingGroupRollout — one pass (§6.4)', () => {
  it('step 1: deletes pending and unavailable old replicas at once, with the selected Ready one', () => {
    const result = pass({ states: ['oldPending', 'old', 'oldUnavailable'], record: running() });
    expect(result.deleteReplicaIndices).toEqual([0, 1, 2]);
    expect(result.updateProgress?.readyReplicaIndicesSelectedToUpdate).toEqual({ current: 1 });
  });

  it('step 2: waits while the selected replica is being recreated (pending old ones still go)', () => {
    const result = pass({ states: ['recreating', 'old', 'oldPending'], record: selecting(0) });
    expect(result).toEqual({ updateProgress: undefined, resetUpdatedReplicas: false, deleteReplicaIndices: [2], requeue: true });
  });

  it('step 2: a recreated replica is complete only when every member PodClique exists', () => {
    const states: ReplicaState[] = ['new', 'old'];
    const memberPodCliques = members(states).filter((p) => p.metadata.name !== 'wl-0-sg-x-0-pc-c');
    const result = planScalingGroupRollout({
      pcs: workload(),
      scalingGroup: scalingGroup(2, 1, selecting(0)),
      memberPodCliques,
      templateHashes: TEMPLATE_HASHES,
      mayReplace: true,
      now: NOW,
    });
    expect(result.deleteReplicaIndices).toEqual([]);
    expect(result.requeue).toBe(true);
  });

  it('step 3: waits while fewer than minAvailable replicas are available', () => {
    const result = pass({ states: ['old', 'oldUnavailable', 'recreating'], minAvailable: 2, record: running() });
    expect(result).toEqual({ updateProgress: undefined, resetUpdatedReplicas: false, deleteReplicaIndices: [1], requeue: true });
  });

  it('step 4: ends when no old replica is left, clearing the selection, and requeues for status', () => {
    expect(pass({ states: ['new', 'new'], record: selecting(1, [0]) })).toEqual({
      updateProgress: running({ updateEndedAt: at }),
      resetUpdatedReplicas: false,
      deleteReplicaIndices: [],
      requeue: true,
    });
  });

  it('skips replicas already gone or going once a selection exists', () => {
    expect(pass({ states: ['new', 'terminating', 'absent'], record: selecting(0) }).updateProgress?.updateEndedAt).toBe(at);
  });

  it('RU-14: a replica added by a scale-out is created new and never selected', () => {
    const result = pass({ states: ['new', 'old', 'new'], record: selecting(0) });
    expect(result.updateProgress?.readyReplicaIndicesSelectedToUpdate).toEqual({ current: 1, completed: [0] });
    expect(result.deleteReplicaIndices).toEqual([1]);
  });

  it('RU-16: the selected replica scaled away leaves nothing to wait for', () => {
    expect(pass({ states: ['new', 'new'], record: selecting(2, [0, 1]) }).updateProgress?.updateEndedAt).toBe(at);
  });

  it('ignores stray member PodCliques beyond spec.replicas', () => {
    const result = planScalingGroupRollout({
      pcs: workload(),
      scalingGroup: scalingGroup(1, 1, selecting(0)),
      memberPodCliques: members(['new', 'oldPending']),
      templateHashes: TEMPLATE_HASHES,
      mayReplace: true,
      now: NOW,
    });
    expect(result.deleteReplicaIndices).toEqual([]);
    expect(result.updateProgress?.updateEndedAt).toBe(at);
  });
});

describe('RU-8: one PCSG replica recreated at a time', () => {
  it('walks replica by replica: select 0, wait, select 1, wait, end', () => {
    const passes: [ReplicaState[], PodCliqueScalingGroupUpdateProgress | undefined][] = [
      [['old', 'old'], running()],
      [['recreating', 'old'], selecting(0)],
      [['new', 'old'], selecting(0)],
      [['new', 'recreating'], selecting(1, [0])],
      [['new', 'new'], selecting(1, [0])],
    ];
    const outcomes = passes.map(([states, record]) => {
      const r = pass({ states, minAvailable: 1, ...(record !== undefined && { record }) });
      return { deleted: r.deleteReplicaIndices, selection: r.updateProgress?.readyReplicaIndicesSelectedToUpdate, ended: r.updateProgress?.updateEndedAt !== undefined };
    });
    expect(outcomes).toEqual([
      { deleted: [0], selection: { current: 0 }, ended: false },
      { deleted: [], selection: undefined, ended: false },
      { deleted: [1], selection: { current: 1, completed: [0] }, ended: false },
      { deleted: [], selection: undefined, ended: false },
      { deleted: [], selection: undefined, ended: true },
    ]);
  });
});
