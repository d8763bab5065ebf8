import { LABEL, type PodClique } from '@grove/api';
import { describe, expect, it } from 'vitest';
import { planMemberPodCliques } from './scaling-group-members.js';
import { aMemberPodClique, aScalingGroup } from './test/support.js';

const PCSG = 'svc-0-prefill';
const group = (replicas: number) => aScalingGroup('svc', 0, 'prefill', ['leader', 'worker']).replicas(replicas, 1).build();
const member = (groupReplica: number, clique: string) => aMemberPodClique('svc', 0, 'prefill', groupReplica, clique);
/** Both members of each given PCSG replica. */
const replicasOf = (...indices: number[]): PodClique[] => indices.flatMap((r) => [member(r, 'leader').build(), member(r, 'worker').build()]);

const plan = (replicas: number, members: PodClique[]) => planMemberPodCliques({ scalingGroup: group(replicas), memberPodCliques: members, pcsgName: PCSG });

describe('planMemberPodCliques: create (§2.4 step 3)', () => {
  it('creates every member of every replica of a new PCSG, named <pcsgFQN>-<pcsgIdx>-<clique>', () => {
    expect(plan(2, [])).toEqual({
      deleteReplicaIndices: [],
      create: [
        { groupReplica: 0, clique: 'leader', name: 'svc-0-prefill-0-leader' },
        { groupReplica: 0, clique: 'worker', name: 'svc-0-prefill-0-worker' },
        { groupReplica: 1, clique: 'leader', name: 'svc-0-prefill-1-leader' },
        { groupReplica: 1, clique: 'worker', name: 'svc-0-prefill-1-worker' },
      ],
    });
  });

  it('plans nothing when every member exists (existing ones are never re-created or listed)', () => {
    expect(plan(2, replicasOf(0, 1))).toEqual({ deleteReplicaIndices: [], create: [] });
  });

  it('creates only the missing members, e.g. after a PCSG replica was gang-terminated (§4.3)', () => {
    expect(plan(2, [...replicasOf(0), member(1, 'leader').build()]).create).toEqual([{ groupReplica: 1, clique: 'worker', name: 'svc-0-prefill-1-worker' }]);
  });

  it('creates the new replicas of a scale-out', () => {
    expect(plan(3, replicasOf(0, 1)).create.map((c) => c.name)).toEqual(['svc-0-prefill-2-leader', 'svc-0-prefill-2-worker']);
  });

  it('waits for a terminating member to be gone before recreating it: it still holds the name', () => {
    const terminating = [member(0, 'leader').terminating().build(), member(0, 'worker').build()];
    expect(plan(1, terminating).create).toEqual([]);
  });

  it('composes names from the given pcsgName', () => {
    const created = planMemberPodCliques({ scalingGroup: group(1), memberPodCliques: [], pcsgName: 'other-1-prefill' }).create;
    expect(created.map((c) => c.name)).toEqual(['other-1-prefill-0-leader', 'other-1-prefill-0-worker']);
  });
});

describe('planMemberPodCliques: scale-in (§2.4 step 2)', () => {
  it('deletes the highest replica indices, from spec.replicas up to the highest existing', () => {
    expect(plan(2, replicasOf(0, 1, 2, 3))).toEqual({ deleteReplicaIndices: [2, 3], create: [] });
  });

  it('deletes an excess replica even when only part of its members are left', () => {
    expect(plan(1, [...replicasOf(0), member(1, 'worker').build()]).deleteReplicaIndices).toEqual([1]);
  });

  it('skips excess replicas whose members are all terminating already', () => {
    const leaving = [member(2, 'leader').terminating().build(), member(2, 'worker').terminating().build()];
    expect(plan(2, [...replicasOf(0, 1), ...leaving]).deleteReplicaIndices).toEqual([]);
  });

  it('removes an excess index left behind a gap and fills the gap', () => {
    expect(plan(2, replicasOf(0, 3))).toEqual({
      deleteReplicaIndices: [3],
      create: [
        { groupReplica: 1, clique: 'leader', name: 'svc-0-prefill-1-leader' },
        { groupReplica: 1, clique: 'worker', name: 'svc-0-prefill-1-worker' },
      ],
    });
  });

  it('reads the replica index from the label, ignoring members without one', () => {
    const unlabelled = member(5, 'leader').build();
    delete unlabelled.metadata.labels?.[LABEL.podCliqueScalingGroupReplicaIndex];
    expect(plan(2, [...replicasOf(0, 1), unlabelled]).deleteReplicaIndices).toEqual([]);
  });
});
