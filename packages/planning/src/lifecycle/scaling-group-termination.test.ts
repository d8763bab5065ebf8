import type { PodClique } from '@grove/api';
import { aPodCliqueSet } from '@grove/fixtures';
import { describe, expect, it } from 'vitest';
import { decideGroupReplicaTermination, type GroupTerminationInput } from './scaling-group-termination.js';
import { SECOND, aMemberPodClique, aScalingGroup, at } from './test/support.js';

const pcs = aPodCliqueSet('svc')
  .clique('leader')
  .clique('worker', { replicas: 3, minAvailable: 1 })
  .scalingGroup('prefill', ['leader', 'worker'], { replicas: 3, minAvailable: 1 })
  .with({ terminationDelay: '10s' })
  .build();

const DELAY = 10 * SECOND;
const BREACH = at(60 * SECOND);
const after = (ms: number) => new Date(BREACH.getTime() + ms);

/** PCSG `svc-0-prefill`: 3 replicas, minAvailable 1 unless changed. */
const group = (replicas = 3, minAvailable = 1) => aScalingGroup('svc', 0, 'prefill', ['leader', 'worker']).replicas(replicas, minAvailable);
const leader = (r: number) => aMemberPodClique('svc', 0, 'prefill', r, 'leader').replicas(1, 1).healthy();
const worker = (r: number) => aMemberPodClique('svc', 0, 'prefill', r, 'worker').replicas(3, 1).healthy();
/** A worker that was scheduled, then lost all its pods and breached at `since`. */
const breachedWorker = (r: number, since = BREACH) => worker(r).scheduled('False', at(30 * SECOND)).ready(0).breached('True', since);

/** Healthy members for replicas 0..n-1, with the workers of `breached` replaced. */
function members(n: number, breached: Record<number, PodClique> = {}): PodClique[] {
  return Array.from({ length: n }, (_, r) => [leader(r).build(), breached[r] ?? worker(r).build()]).flat();
}

function decide(overrides: Partial<GroupTerminationInput> = {}) {
  return decideGroupReplicaTermination({ pcs, scalingGroup: group().build(), memberPodCliques: members(3), now: after(DELAY), ...overrides });
}

describe('decideGroupReplicaTermination (§4.3)', () => {
  it('does nothing while no member is breached', () => {
    expect(decide()).toEqual({ kind: 'none' });
  });

  it('tolerates a partial loss within minAvailable: the member reports no breach (GT-4)', () => {
    const lostTwo = worker(1).ready(1).breached('False', BREACH).build();
    expect(decide({ memberPodCliques: members(3, { 1: lostTwo }), now: after(10 * DELAY) })).toEqual({ kind: 'none' });
  });

  it('recycles only the replica whose member stayed breached past the delay (GT-5)', () => {
    expect(decide({ memberPodCliques: members(3, { 1: breachedWorker(1).build() }) })).toEqual({ kind: 'terminateReplicas', replicaIndices: [1] });
  });

  it('waits for the remaining delay of an unexpired breach', () => {
    expect(decide({ memberPodCliques: members(3, { 1: breachedWorker(1).build() }), now: after(4 * SECOND) })).toEqual({ kind: 'wait', waitMs: 6 * SECOND });
  });

  it('terminates the expired replicas and reports the shortest wait of the others', () => {
    const given = members(3, { 0: breachedWorker(0).build(), 2: breachedWorker(2, after(3 * SECOND)).build() });
    expect(decide({ memberPodCliques: given })).toEqual({ kind: 'terminateReplicas', replicaIndices: [0], waitMs: 3 * SECOND });
  });

  it('terminates several expired replicas at once, in index order', () => {
    const given = members(4, { 3: breachedWorker(3).build(), 1: breachedWorker(1).build() });
    expect(decide({ scalingGroup: group(4).build(), memberPodCliques: given })).toEqual({ kind: 'terminateReplicas', replicaIndices: [1, 3] });
  });

  it('ignores recreated members that were never scheduled: no re-fire loop (Appendix A item 5)', () => {
    const recreated = worker(1).created(after(DELAY)).scheduled('False', after(DELAY + SECOND)).breached('True', after(DELAY + SECOND));
    expect(decide({ memberPodCliques: members(3, { 1: recreated.build() }), now: after(10 * DELAY) })).toEqual({ kind: 'none' });
  });

  it('ignores an Unknown breach (member under an auto update, Appendix A item 6)', () => {
    const updating = worker(1).breached('Unknown', BREACH).build();
    expect(decide({ memberPodCliques: members(3, { 1: updating }), now: after(10 * DELAY) })).toEqual({ kind: 'none' });
  });

  describe('too many replicas breached: the PodCliqueSet level decides (§4.2)', () => {
    it('leaves it to the PCS when replicas − breached < minAvailable, counting unexpired breaches too', () => {
      const given = members(3, { 0: breachedWorker(0).build(), 1: breachedWorker(1, after(5 * SECOND)).build() });
      expect(decide({ scalingGroup: group(3, 2).build(), memberPodCliques: given })).toEqual({ kind: 'leaveToPodCliqueSet' });
    });

    it('still recycles when exactly minAvailable replicas stay unbreached', () => {
      const given = members(3, { 0: breachedWorker(0).build() });
      expect(decide({ scalingGroup: group(3, 2).build(), memberPodCliques: given })).toEqual({ kind: 'terminateReplicas', replicaIndices: [0] });
    });

    it('leaves it to the PCS when every replica is lost (GT-4 last step)', () => {
      const given = members(2, { 0: breachedWorker(0).build(), 1: breachedWorker(1).build() });
      expect(decide({ scalingGroup: group(2, 1).build(), memberPodCliques: given })).toEqual({ kind: 'leaveToPodCliqueSet' });
    });
  });

  describe('updates (§2.4 step 4, §6.5)', () => {
    const expired = members(3, { 1: breachedWorker(1).build() });

    it('decides nothing while a PCSG rolling update is in progress', () => {
      const updating = group().status({ updateProgress: { podCliqueSetGenerationHash: 'gen-2', updateStartedAt: BREACH.toISOString() } });
      expect(decide({ scalingGroup: updating.build(), memberPodCliques: expired })).toEqual({ kind: 'none' });
    });

    it('is not suppressed by an OnDelete update record, which ends as it starts (Appendix A item 6)', () => {
      const stamp = BREACH.toISOString();
      const onDelete = group().status({ updateProgress: { podCliqueSetGenerationHash: 'gen-2', updateStartedAt: stamp, updateEndedAt: stamp } });
      expect(decide({ scalingGroup: onDelete.build(), memberPodCliques: expired })).toEqual({ kind: 'terminateReplicas', replicaIndices: [1] });
    });
  });

  describe('what is not a candidate', () => {
    it('ignores members of replica indices past spec.replicas (being scaled in)', () => {
      const stray = [leader(3).build(), breachedWorker(3).build()];
      expect(decide({ memberPodCliques: [...members(3), ...stray] })).toEqual({ kind: 'none' });
    });

    it('ignores a terminating member: its replica is already being recycled', () => {
      const leaving = breachedWorker(1).terminating().build();
      expect(decide({ memberPodCliques: members(3, { 1: leaving }) })).toEqual({ kind: 'none' });
    });
  });
});
