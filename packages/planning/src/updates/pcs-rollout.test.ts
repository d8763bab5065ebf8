import {
  LABEL,
  podCliqueName,
  podCliqueScalingGroupName,
  type PodClique,
  type PodCliqueScalingGroup,
  type PodCliqueSet,
  type PodCliqueSetUpdateProgress,
  type PodCliqueStatus,
} from '@grove/api';
import { aPodCliqueSet } from '@grove/fixtures';
import { describe, expect, it } from 'vitest';
import { currentlyUpdatingReplica, mayReplaceInReplica, planPcsRollout, replicaDoneUpdating, type PcsRolloutInput } from './pcs-rollout.js';
import { aLivePodClique, aLiveScalingGroup, convergedStatus, EARLIER, NOW } from './test-support.js';

const GEN = 'gen-2';
const HASHES = new Map([
  ['pc-a', 'a-2'],
  ['pc-b', 'b-2'],
  ['pc-c', 'c-2'],
]);
const STARTED: PodCliqueSetUpdateProgress = { updateStartedAt: EARLIER };

/** WL1 (§10): pc-a standalone 2/2; pc-b 1/1 and pc-c 3/3 in sg-x (2 replicas, minAvailable 2). */
function workload(replicas: number, progress: PodCliqueSetUpdateProgress | 'none' = STARTED): PodCliqueSet {
  const pcs = aPodCliqueSet('wl')
    .replicas(replicas)
    .clique('pc-a', { replicas: 2, minAvailable: 2 })
    .clique('pc-b')
    .clique('pc-c', { replicas: 3, minAvailable: 3 })
    .scalingGroup('sg-x', ['pc-b', 'pc-c'], { replicas: 2, minAvailable: 2 })
    .build();
  pcs.status = { currentGenerationHash: GEN, ...(progress !== 'none' && { updateProgress: progress }) };
  return pcs;
}

/** updated: converged to GEN; old: still on the previous templates; unscheduled: old with no pod scheduled. */
type ReplicaState = 'updated' | 'old' | 'unscheduled' | 'absent';

function children(states: readonly ReplicaState[]): { podCliques: PodClique[]; scalingGroups: PodCliqueScalingGroup[] } {
  const present = states.map((state, replicaIndex) => ({ state, replica: { pcs: 'wl', replicaIndex } })).filter((r) => r.state !== 'absent');
  const podCliques = present.map(({ state, replica }) => {
    const status = state === 'updated' ? convergedStatus('a-2', GEN, 2) : { ...convergedStatus('a-1', 'gen-1', 2), updatedReplicas: 0 };
    const scheduled = state === 'unscheduled' ? { scheduledReplicas: 0, readyReplicas: 0 } : {};
    // The PCS patches the hash label at once (§6.3); only the status lags.
    return aLivePodClique(podCliqueName(replica, 'pc-a'), { hash: 'a-2', replicas: 2, minAvailable: 2, status: { ...status, ...scheduled } });
  });
  const scalingGroups = present.map(({ state, replica }) =>
    aLiveScalingGroup(podCliqueScalingGroupName(replica, 'sg-x'), {
      cliqueNames: ['pc-b', 'pc-c'],
      replicas: 2,
      minAvailable: 2,
      status: { currentPodCliqueSetGenerationHash: state === 'updated' ? GEN : 'gen-1', scheduledReplicas: state === 'unscheduled' ? 0 : 2 },
    }),
  );
  return { podCliques, scalingGroups };
}

function rollout(pcs: PodCliqueSet, states: readonly ReplicaState[], extra: Partial<PcsRolloutInput> = {}): PcsRolloutInput {
  return { pcs, ...children(states), templateHashes: HASHES, breachedReplicas: new Set(), terminatedReplicas: new Set(), now: NOW, ...extra };
}

const updating = (replicaIndex: number): PodCliqueSetUpdateProgress => ({ ...STARTED, currentlyUpdating: [{ replicaIndex, updateStartedAt: EARLIER }] });
const selected = (replicaIndex: number): PodCliqueSetUpdateProgress => ({
  ...STARTED,
  currentlyUpdating: [{ replicaIndex, updateStartedAt: NOW.toISOString() }],
});
const ended: PodCliqueSetUpdateProgress = { ...STARTED, updateEndedAt: NOW.toISOString() };

describe('planPcsRollout (§6.2)', () => {
  it('does nothing without a running update record', () => {
    expect(planPcsRollout(rollout(workload(2, 'none'), ['old', 'old']))).toBeUndefined();
    expect(planPcsRollout(rollout(workload(2, { ...STARTED, updateEndedAt: EARLIER }), ['old', 'old']))).toBeUndefined();
  });

  it('waits while the currently updating replica is not done (one PCS replica at a time, RU-7)', () => {
    expect(planPcsRollout(rollout(workload(2, updating(0)), ['old', 'old']))).toBeUndefined();
  });

  it('moves on once the current replica is done, keeping the update start', () => {
    expect(planPcsRollout(rollout(workload(3, updating(0)), ['updated', 'old', 'old']))).toEqual(selected(1));
  });

  it.each<[string, ReplicaState[], number[], number]>([
    ['lowest index when all are healthy (rule 3)', ['old', 'old', 'old'], [], 0],
    ['a replica with zero scheduled pods first (rule 1)', ['old', 'old', 'unscheduled'], [], 2],
    ['a breached-but-not-expired replica next (rule 2)', ['old', 'old', 'old'], [2], 2],
    ['zero scheduled beats breached', ['old', 'unscheduled', 'old'], [2], 1],
    ['among breached ones, the lowest index', ['old', 'old', 'old'], [2, 1], 1],
    ['replicas already at the new hash are skipped (RU-11 scale-out)', ['updated', 'updated', 'old'], [], 2],
  ])('picks the first replica: %s', (_name, states, breached, expected) => {
    const input = rollout(workload(states.length), states, { breachedReplicas: new Set(breached) });
    expect(planPcsRollout(input)).toEqual(selected(expected));
  });

  it('rule 1 counts PCSG pods too: a replica with only its scaling group scheduled is not "zero scheduled"', () => {
    const input = rollout(workload(2), ['old', 'unscheduled']);
    const replica0 = input.podCliques[0];
    if (replica0?.status === undefined) throw new Error('fixture has replica 0');
    replica0.status.scheduledReplicas = 0; // its PCSG still has 2 replicas × (1 + 3) pods scheduled
    expect(planPcsRollout(input)).toEqual(selected(1));
  });

  it('excludes replicas gang-terminated in this reconcile', () => {
    const input = rollout(workload(3), ['unscheduled', 'old', 'old'], { terminatedReplicas: new Set([0]) });
    expect(planPcsRollout(input)).toEqual(selected(1));
  });

  it('replaces a current replica that was just gang-terminated', () => {
    const input = rollout(workload(2, updating(0)), ['old', 'old'], { terminatedReplicas: new Set([0]) });
    expect(planPcsRollout(input)).toEqual(selected(1));
  });

  it('replaces a current replica that vanished in a scale-in', () => {
    expect(planPcsRollout(rollout(workload(2, updating(2)), ['old', 'old']))).toEqual(selected(0));
  });

  it('RU-12: ends the update when the vanished replica was the last one pending', () => {
    expect(planPcsRollout(rollout(workload(2, updating(2)), ['updated', 'updated']))).toEqual(ended);
  });

  it('ends the update when no replica is pending: updateEndedAt now, currentlyUpdating dropped', () => {
    expect(planPcsRollout(rollout(workload(2, updating(1)), ['updated', 'updated']))).toEqual(ended);
  });

  it('ends at once for a PCS scaled to zero', () => {
    expect(planPcsRollout(rollout(workload(0), []))).toEqual(ended);
  });

  it('§6.5: a running record under OnDelete (strategy switched mid-rollout) just ends', () => {
    const pcs = workload(2, updating(0));
    pcs.spec.updateStrategy = { type: 'OnDelete' };
    expect(planPcsRollout(rollout(pcs, ['old', 'old']))).toEqual(ended);
  });
});

describe('replicaDoneUpdating (§6.2)', () => {
  const done = (mutate: (input: PcsRolloutInput) => Partial<PcsRolloutInput> | undefined): boolean => {
    const input = rollout(workload(1), ['updated']);
    return replicaDoneUpdating({ ...input, ...mutate(input) }, 0);
  };
  const pclq = (input: PcsRolloutInput): PodClique => {
    const found = input.podCliques[0];
    if (found === undefined) throw new Error('fixture has replica 0');
    return found;
  };

  const pclqStatus = (patch: PodCliqueStatus) => (i: PcsRolloutInput) => void Object.assign(pclq(i).status ?? {}, patch);

  it.each<[string, (input: PcsRolloutInput) => Partial<PcsRolloutInput> | undefined, boolean]>([
    ['all children converged', () => undefined, true],
    ['a standalone PodClique is missing', () => ({ podCliques: [] }), false],
    ['a PodCliqueScalingGroup is missing', () => ({ scalingGroups: [] }), false],
    ['the PCSG has not converged to the PCS hash', (i) => void Object.assign(i.scalingGroups[0]?.status ?? {}, { currentPodCliqueSetGenerationHash: 'gen-1' }), false],
    ['the PodClique hash label is not the expected one', (i) => void Object.assign(pclq(i).metadata.labels ?? {}, { [LABEL.podTemplateHash]: 'a-1' }), false],
    ['the PodClique converged to another template', pclqStatus({ currentPodTemplateHash: 'a-1' }), false],
    ['ready < minAvailable', pclqStatus({ readyReplicas: 1 }), false],
    ['updated < minAvailable', pclqStatus({ updatedReplicas: 1 }), false],
  ])('%s → %s', (_name, mutate, expected) => {
    expect(done(mutate)).toBe(expected);
  });
});

describe('currentlyUpdatingReplica / mayReplaceInReplica', () => {
  it('names currentlyUpdating[0] only while a RollingRecreate update runs', () => {
    expect(currentlyUpdatingReplica(workload(2, updating(1)))).toBe(1);
    expect(currentlyUpdatingReplica(workload(2, STARTED))).toBeUndefined();
    expect(currentlyUpdatingReplica(workload(2, { ...updating(1), updateEndedAt: EARLIER }))).toBeUndefined();
  });

  it.each<[string, PodCliqueSetUpdateProgress | 'none', number, boolean]>([
    ['no update: every replica self-heals', 'none', 1, true],
    ['ended update', { ...STARTED, updateEndedAt: EARLIER }, 1, true],
    ['the replica being updated', updating(1), 1, true],
    ['another replica waits its turn', updating(0), 1, false],
    ['no replica selected yet', STARTED, 0, false],
  ])('%s', (_name, progress, replicaIndex, expected) => {
    expect(mayReplaceInReplica(workload(2, progress), replicaIndex)).toBe(expected);
  });
});
