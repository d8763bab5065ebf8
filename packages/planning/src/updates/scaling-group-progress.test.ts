import type { PodCliqueSet } from '@grove/api';
import { aPodCliqueSet } from '@grove/fixtures';
import { describe, expect, it } from 'vitest';
import { scalingGroupConvergedHash, scalingGroupProgressCounts } from './scaling-group-progress.js';
import { GEN, members, scalingGroup, TEMPLATE_HASHES, type ReplicaState } from './scaling-group-test-support.js';
import { EARLIER } from './test-support.js';

function workload(): PodCliqueSet {
  const pcs = aPodCliqueSet('wl').clique('pc-b').clique('pc-c', { replicas: 3, minAvailable: 3 }).scalingGroup('sg-x', ['pc-b', 'pc-c']).build();
  pcs.status = { currentGenerationHash: GEN };
  return pcs;
}

describe('scalingGroupProgressCounts (§1.3, §6.6)', () => {
  it('totals replicas × cliqueNames and counts the members converged to the PCS hash, ignoring strays', () => {
    const counts = scalingGroupProgressCounts(workload(), scalingGroup(2, 1), members(['new', 'old', 'new']));
    expect(counts).toEqual({ updatedPodCliquesCount: 2, totalPodCliquesCount: 4 });
  });

  it('does not count members being deleted', () => {
    const memberPodCliques = members(['new']).map((p) => ({ ...p, metadata: { ...p.metadata, deletionTimestamp: new Date(EARLIER) } }));
    expect(scalingGroupProgressCounts(workload(), scalingGroup(1, 1), memberPodCliques).updatedPodCliquesCount).toBe(0);
  });
});

describe('scalingGroupConvergedHash (§1.3)', () => {
  it.each<[string, ReplicaState[], boolean, string | undefined]>([
    ['every member of every replica converged', ['new', 'new'], false, GEN],
    ['an update is still running', ['new', 'new'], true, undefined],
    ['a replica still runs the old template', ['new', 'old'], false, undefined],
    ['a replica is being recreated', ['new', 'absent'], false, undefined],
    ['a recreated replica whose pods are not up yet', ['new', 'recreating'], false, undefined],
  ])('%s → %s', (_name, states, updating, expected) => {
    const record = { updateStartedAt: EARLIER, podCliqueSetGenerationHash: GEN, ...(!updating && { updateEndedAt: EARLIER }) };
    expect(scalingGroupConvergedHash(workload(), scalingGroup(states.length, 1, record), members(states), TEMPLATE_HASHES)).toBe(expected);
  });

  it('a group that never had an update record converges too (created from the current template)', () => {
    expect(scalingGroupConvergedHash(workload(), scalingGroup(1, 1), members(['new']), TEMPLATE_HASHES)).toBe(GEN);
  });
});
