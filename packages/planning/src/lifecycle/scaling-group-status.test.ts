import { CONDITION_REASON, CONDITION_TYPE, LABEL, type PodClique } from '@grove/api';
import { aPodCliqueSet } from '@grove/fixtures';
import { describe, expect, it } from 'vitest';
import { findCondition } from '../conditions.js';
import { scalingGroupStatus, type ScalingGroupStatusInput } from './scaling-group-status.js';
import { SECOND, T0, aMemberPodClique, aScalingGroup, at } from './test/support.js';

const pcs = aPodCliqueSet('svc')
  .clique('leader')
  .clique('worker', { replicas: 2, minAvailable: 1 })
  .scalingGroup('prefill', ['leader', 'worker'], { replicas: 3, minAvailable: 2 })
  .build();

const GEN = 'gen-2';
const templateHashes = new Map([
  ['leader', 'tpl-leader'],
  ['worker', 'tpl-worker'],
]);
const NOW = at(120 * SECOND);

/** PCSG `svc-0-prefill`: 3 replicas, minAvailable 2, healthy (MinAvailableBreached=False since T0). */
const group = () => aScalingGroup('svc', 0, 'prefill', ['leader', 'worker']).replicas(3, 2).breached('False', T0);
const leader = (r: number) => aMemberPodClique('svc', 0, 'prefill', r, 'leader').replicas(1, 1).healthy().converged('tpl-leader', GEN);
const worker = (r: number) => aMemberPodClique('svc', 0, 'prefill', r, 'worker').replicas(2, 1).healthy().converged('tpl-worker', GEN);

/** All members of replicas 0..2 healthy and converged, with `changes` replacing some of them. */
function members(changes: Record<string, PodClique | null> = {}): PodClique[] {
  const all = [0, 1, 2].flatMap((r) => [leader(r).build(), worker(r).build()]);
  return all.flatMap((p) => {
    const change = changes[p.metadata.name ?? ''];
    if (change === null) return [];
    return [change ?? p];
  });
}

function status(overrides: Partial<ScalingGroupStatusInput> = {}) {
  return scalingGroupStatus({
    pcs,
    scalingGroup: group().build(),
    memberPodCliques: members(),
    generationHash: GEN,
    templateHashes,
    updateInProgress: false,
    now: NOW,
    ...overrides,
  });
}

const counts = (s: ReturnType<typeof status>) => [s.replicas, s.scheduledReplicas, s.availableReplicas, s.updatedReplicas];
const breach = (s: ReturnType<typeof status>) => findCondition(s.conditions, CONDITION_TYPE.minAvailableBreached);

describe('scalingGroupStatus counts (§1.3)', () => {
  it('counts replicas, scheduled, available and updated when every member is converged', () => {
    const s = status();
    expect(counts(s)).toEqual([3, 3, 3, 3]);
    expect(s.selector).toBe(`${LABEL.managedBy}=grove-operator,${LABEL.partOf}=svc,${LABEL.podCliqueScalingGroup}=svc-0-prefill`);
  });

  it.each([
    ['a member is not PodCliqueScheduled: neither scheduled nor available', { 'svc-0-prefill-1-worker': worker(1).scheduled('False').build() }, [3, 2, 2, 2]],
    ['a member has fewer Ready pods than minAvailable: scheduled but not available', { 'svc-0-prefill-1-worker': worker(1).ready(0).build() }, [3, 3, 2, 2]],
    ['a member is missing', { 'svc-0-prefill-2-leader': null }, [3, 2, 2, 2]],
    ['a member is terminating', { 'svc-0-prefill-2-leader': leader(2).terminating().build() }, [3, 2, 2, 2]],
    ['a member is available but still on the old template', { 'svc-0-prefill-0-leader': leader(0).label(LABEL.podTemplateHash, 'tpl-old').build() }, [3, 3, 3, 2]],
    ['a member converged on an older generation', { 'svc-0-prefill-0-worker': worker(0).status({ currentPodCliqueSetGenerationHash: 'gen-1' }).build() }, [3, 3, 3, 2]],
  ])('when %s', (_, changes, expected) => {
    expect(counts(status({ memberPodCliques: members(changes) }))).toEqual(expected);
  });

  it('counts nothing as updated while the PCS has no generation hash yet', () => {
    expect(counts(status({ generationHash: undefined }))).toEqual([3, 3, 3, 0]);
  });

  it('ignores stray children: replica indices past spec.replicas and cliques not in cliqueNames', () => {
    const strays = [leader(3).build(), worker(3).build(), aMemberPodClique('svc', 0, 'prefill', 0, 'old').healthy().build()];
    expect(counts(status({ memberPodCliques: [...members(), ...strays] }))).toEqual([3, 3, 3, 3]);
  });

  it('only counts replica indices below spec.replicas after a scale-in', () => {
    expect(counts(status({ scalingGroup: group().replicas(2, 2).breached('False', T0).build() }))).toEqual([2, 2, 2, 2]);
  });

  it('defaults spec.replicas to 1', () => {
    expect(counts(status({ scalingGroup: group().replicas(undefined, 1).build() }))).toEqual([1, 1, 1, 1]);
  });
});

describe('scalingGroupStatus MinAvailableBreached (§1.7)', () => {
  const breachedWorker = (r: number) => worker(r).scheduled('False', at(30 * SECOND)).breached('True', at(60 * SECOND)).build();

  it('is False/SufficientAvailable… while at least minAvailable replicas are not in breach', () => {
    const s = status({ memberPodCliques: members({ 'svc-0-prefill-0-worker': breachedWorker(0) }) });
    expect(breach(s)).toMatchObject({ status: 'False', reason: CONDITION_REASON.minAvailableBreached.sufficientAvailablePcsgReplicas });
  });

  it('turns True/InsufficientAvailable… when fewer than minAvailable replicas are not in breach, stamped now', () => {
    const s = status({ memberPodCliques: members({ 'svc-0-prefill-0-worker': breachedWorker(0), 'svc-0-prefill-1-worker': breachedWorker(1) }) });
    expect(breach(s)).toMatchObject({ status: 'True', reason: CONDITION_REASON.minAvailableBreached.insufficientAvailablePcsgReplicas, lastTransitionTime: NOW });
  });

  it('counts an incomplete replica (missing member) as in breach', () => {
    const s = status({ memberPodCliques: members({ 'svc-0-prefill-0-leader': null, 'svc-0-prefill-1-leader': null }) });
    expect(breach(s)?.status).toBe('True');
  });

  it('does not count an Unknown member breach against its replica', () => {
    const updating = worker(0).breached('Unknown', at(60 * SECOND)).build();
    const other = worker(1).breached('Unknown', at(60 * SECOND)).build();
    expect(breach(status({ memberPodCliques: members({ 'svc-0-prefill-0-worker': updating, 'svc-0-prefill-1-worker': other }) }))?.status).toBe('False');
  });

  it('defaults minAvailable to 1', () => {
    const noMin = aScalingGroup('svc', 0, 'prefill', ['leader', 'worker']).replicas(3).build();
    const twoBreached = members({ 'svc-0-prefill-0-worker': breachedWorker(0), 'svc-0-prefill-1-worker': breachedWorker(1) });
    expect(breach(status({ scalingGroup: noMin, memberPodCliques: twoBreached }))?.status).toBe('False');
  });

  it('keeps lastTransitionTime while the status stays the same (SetStatusCondition)', () => {
    const since = at(10 * SECOND);
    const alreadyBreached = group().breached('True', since).build();
    const s = status({ scalingGroup: alreadyBreached, memberPodCliques: members({ 'svc-0-prefill-0-leader': null, 'svc-0-prefill-1-leader': null }) });
    expect(breach(s)?.lastTransitionTime).toEqual(since);
  });

  it('is Unknown/UpdateInProgress during a PCSG update, whatever the members say (Appendix A item 6)', () => {
    const s = status({ updateInProgress: true, memberPodCliques: [] });
    expect(breach(s)).toMatchObject({ status: 'Unknown', reason: CONDITION_REASON.minAvailableBreached.updateInProgress });
  });
});

describe('scalingGroupStatus GangTerminationInProgress (§1.7, §4.2)', () => {
  const flagged = () => group().breached('True', at(60 * SECOND)).gangTerminationInProgress(at(70 * SECOND));
  const gangFlag = (s: ReturnType<typeof status>) => findCondition(s.conditions, CONDITION_TYPE.gangTerminationInProgress);

  it('is removed once MinAvailableBreached computes False, re-arming termination', () => {
    expect(gangFlag(status({ scalingGroup: flagged().build() }))).toBeUndefined();
  });

  it('stays while the PCSG is still breached (recreated members not ready yet)', () => {
    const s = status({ scalingGroup: flagged().build(), memberPodCliques: [] });
    expect(gangFlag(s)?.status).toBe('True');
  });

  it('stays while the breach is Unknown (update in progress)', () => {
    expect(gangFlag(status({ scalingGroup: flagged().build(), updateInProgress: true }))?.status).toBe('True');
  });
});

describe('scalingGroupStatus keeps what it does not compute', () => {
  it('keeps observedGeneration, lastErrors, updateProgress and currentPodCliqueSetGenerationHash', () => {
    const kept = {
      observedGeneration: 4,
      lastErrors: [{ code: 'ERR_X', description: 'boom', observedAt: '2026-01-01T00:00:00Z' }],
      updateProgress: { podCliqueSetGenerationHash: GEN, updateStartedAt: '2026-01-01T00:00:00Z' },
      currentPodCliqueSetGenerationHash: 'gen-1',
    };
    const s = status({ scalingGroup: group().status(kept).build() });
    expect(s).toMatchObject(kept);
  });

  it('replaces stale counts', () => {
    const stale = group().status({ replicas: 9, scheduledReplicas: 9, availableReplicas: 9, updatedReplicas: 9 }).build();
    expect(counts(status({ scalingGroup: stale }))).toEqual([3, 3, 3, 3]);
  });
});
