import { CONDITION_REASON, CONDITION_TYPE } from '@grove/api';
import { aPodCliqueSet } from '@grove/fixtures';
import { describe, expect, it } from 'vitest';
import { decideReplicaTermination, gangTerminationInProgressCondition, type ReplicaTerminationInput } from './replica-termination.js';
import { SECOND, aScalingGroup, aStandalonePodClique, at } from './test/support.js';

/** `svc`: standalone `router` and `frontend`, scaling group `prefill` = [leader, worker]; delay 10 s. */
const pcs = aPodCliqueSet('svc')
  .replicas(2)
  .clique('router')
  .clique('frontend')
  .clique('leader')
  .clique('worker')
  .scalingGroup('prefill', ['leader', 'worker'], { replicas: 2, minAvailable: 1 })
  .with({ terminationDelay: '10s' })
  .build();

const DELAY = 10 * SECOND;
/** The breach under test began a minute after creation: well past the 5 s "ever healthy" grace. */
const BREACH = at(60 * SECOND);
const after = (ms: number) => new Date(BREACH.getTime() + ms);

const router = () => aStandalonePodClique('svc', 0, 'router').healthy();
const frontend = () => aStandalonePodClique('svc', 0, 'frontend').healthy();
const prefill = () => aScalingGroup('svc', 0, 'prefill', ['leader', 'worker']).breached('False').available(2);

/** A standalone PodClique that was scheduled, then lost pods and breached at BREACH. */
const breachedRouter = () => router().scheduled('False', at(30 * SECOND)).breached('True', BREACH);

function decide(overrides: Partial<ReplicaTerminationInput> = {}) {
  return decideReplicaTermination({
    pcs,
    replicaIndex: 0,
    podCliques: [router().build(), frontend().build()],
    scalingGroups: [prefill().build()],
    now: after(DELAY),
    ...overrides,
  });
}

describe('decideReplicaTermination (§4.2)', () => {
  it('does nothing when nothing is breached', () => {
    expect(decide()).toEqual({ kind: 'none' });
  });

  it('a loss within minAvailable leaves the breach False, so nothing is terminated (§4.4, GT-3/GT-6)', () => {
    const lostOne = router().replicas(2, 1).ready(1).breached('False', BREACH);
    expect(decide({ podCliques: [lostOne.build(), frontend().build()], now: after(10 * DELAY) })).toEqual({ kind: 'none' });
  });

  it('waits for the remaining delay of a breached, ever-scheduled standalone PodClique', () => {
    const decision = decide({ podCliques: [breachedRouter().build(), frontend().build()], now: after(4 * SECOND) });
    expect(decision).toEqual({ kind: 'wait', waitMs: 6 * SECOND, candidates: ['svc-0-router'] });
  });

  it.each([
    ['exactly at the delay', DELAY],
    ['past the delay', DELAY + 5 * SECOND],
  ])('terminates the replica once the breach has lasted %s', (_, elapsed) => {
    const decision = decide({ podCliques: [breachedRouter().build(), frontend().build()], now: after(elapsed) });
    expect(decision.kind).toBe('terminate');
    expect(decision.kind === 'terminate' && decision.reason).toMatch(/svc-0-router.*replica 0/);
  });

  it('skips a breached PodClique that was never scheduled (§4.1 gate: it never started)', () => {
    const neverScheduled = router().scheduled('False', at(2 * SECOND)).breached('True', at(2 * SECOND));
    expect(decide({ podCliques: [neverScheduled.build(), frontend().build()], now: after(10 * DELAY) })).toEqual({ kind: 'none' });
  });

  it('an Unknown breach (auto update in progress) never terminates (Appendix A item 6)', () => {
    const updating = router().breached('Unknown', at(SECOND));
    expect(decide({ podCliques: [updating.build(), frontend().build()], now: after(10 * DELAY) })).toEqual({ kind: 'none' });
  });

  it('skips a replica with an expected standalone PodClique missing, even if another breach expired', () => {
    const decision = decide({ podCliques: [breachedRouter().build()], now: after(10 * DELAY) });
    expect(decision).toEqual({ kind: 'none' });
  });

  it('treats a PodClique of another PCS replica as missing from this one', () => {
    const otherReplica = aStandalonePodClique('svc', 1, 'frontend').healthy();
    expect(decide({ podCliques: [breachedRouter().build(), otherReplica.build()], now: after(10 * DELAY) })).toEqual({ kind: 'none' });
  });

  it('leaves a terminating PodClique alone: it is already on its way out', () => {
    const decision = decide({ podCliques: [breachedRouter().terminating().build(), frontend().build()], now: after(10 * DELAY) });
    expect(decision).toEqual({ kind: 'none' });
  });

  describe('PodCliqueScalingGroup candidates', () => {
    const breachedGroup = () => prefill().breached('True', BREACH).available(0);

    it('terminates for an ever-healthy PCSG whose breach expired', () => {
      expect(decide({ scalingGroups: [breachedGroup().build()] }).kind).toBe('terminate');
    });

    it('waits for an unexpired PCSG breach', () => {
      expect(decide({ scalingGroups: [breachedGroup().build()], now: after(3 * SECOND) })).toEqual({
        kind: 'wait',
        waitMs: 7 * SECOND,
        candidates: ['svc-0-prefill'],
      });
    });

    it('skips a PCSG already flagged GangTerminationInProgress: the recycle is in flight (Appendix A item 5)', () => {
      const flagged = breachedGroup().gangTerminationInProgress(after(DELAY));
      expect(decide({ scalingGroups: [flagged.build()], now: after(10 * DELAY) })).toEqual({ kind: 'none' });
    });

    it('skips a PCSG that was never healthy (breached since its first status write)', () => {
      const neverHealthy = breachedGroup().breached('True', at(2 * SECOND));
      expect(decide({ scalingGroups: [neverHealthy.build()], now: after(10 * DELAY) })).toEqual({ kind: 'none' });
    });

    it('skips an Unknown PCSG breach (PCSG update in progress)', () => {
      const updating = prefill().breached('Unknown', BREACH);
      expect(decide({ scalingGroups: [updating.build()], now: after(10 * DELAY) })).toEqual({ kind: 'none' });
    });

    it('ignores a stray PCSG the template no longer defines', () => {
      const stray = aScalingGroup('svc', 0, 'decode', ['x']).breached('True', BREACH);
      expect(decide({ scalingGroups: [prefill().build(), stray.build()], now: after(10 * DELAY) })).toEqual({ kind: 'none' });
    });

    it('decides on PCSGs alone when the template has no standalone cliques', () => {
      const groupsOnly = aPodCliqueSet('svc')
        .clique('leader')
        .clique('worker')
        .scalingGroup('prefill', ['leader', 'worker'])
        .with({ terminationDelay: '10s' })
        .build();
      expect(decide({ pcs: groupsOnly, podCliques: [], scalingGroups: [breachedGroup().build()] }).kind).toBe('terminate');
    });
  });

  describe('several candidates (§4.1 minimum wait)', () => {
    it('waits for the shortest remaining delay and names every candidate, PodCliques first', () => {
      const laterRouter = breachedRouter().breached('True', after(5 * SECOND));
      const group = prefill().breached('True', BREACH);
      const decision = decide({ podCliques: [laterRouter.build(), frontend().build()], scalingGroups: [group.build()], now: after(2 * SECOND) });
      expect(decision).toEqual({ kind: 'wait', waitMs: 8 * SECOND, candidates: ['svc-0-router', 'svc-0-prefill'] });
    });

    it('terminates as soon as any one candidate expired, naming only the expired ones', () => {
      const frontendLater = frontend().scheduled('False', at(30 * SECOND)).breached('True', after(8 * SECOND));
      const decision = decide({ podCliques: [breachedRouter().build(), frontendLater.build()], now: after(DELAY) });
      expect(decision.kind).toBe('terminate');
      expect(decision.kind === 'terminate' && decision.reason).toContain('svc-0-router');
      expect(decision.kind === 'terminate' && decision.reason).not.toContain('svc-0-frontend');
    });
  });

  it('reads the default 4h delay when terminationDelay cannot be parsed', () => {
    const unparsable = aPodCliqueSet('svc').clique('router').with({ terminationDelay: 'soon' }).build();
    const decision = decide({ pcs: unparsable, podCliques: [breachedRouter().build()], scalingGroups: [] });
    expect(decision).toEqual({ kind: 'wait', waitMs: 4 * 3_600_000 - DELAY, candidates: ['svc-0-router'] });
  });
});

describe('gangTerminationInProgressCondition (§1.7)', () => {
  it('is GangTerminationInProgress=True/GangTerminationActive', () => {
    expect(gangTerminationInProgressCondition(1)).toMatchObject({
      type: CONDITION_TYPE.gangTerminationInProgress,
      status: 'True',
      reason: CONDITION_REASON.gangTerminationInProgress.gangTerminationActive,
    });
  });
});
