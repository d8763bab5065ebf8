import { CONDITION_REASON, CONDITION_TYPE, type PodClique, type PodCliqueStatus } from '@grove/api';
import { aPodCliqueSet } from '@grove/fixtures';
import type { V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { findCondition } from '../conditions.js';
import { allScheduledReplicasLost, podCliqueStatus, type PodCliqueStatusInput } from './podclique-status.js';
import { aPod, podCliqueFor, type PodCliqueOptions } from './test-support.js';

const NOW = new Date('2026-02-01T12:00:00Z');
const EARLIER = new Date('2026-02-01T11:00:00Z');
const BREACHED = CONDITION_REASON.minAvailableBreached;
const SCHEDULED = CONDITION_REASON.podCliqueScheduled;

const pcs = aPodCliqueSet('inference')
  .clique('router', { replicas: 3, minAvailable: 2 })
  .clique('worker', { replicas: 2, minAvailable: undefined })
  .scalingGroup('decode', ['worker'])
  .build();

const reconciled: PodCliqueStatus = { observedGeneration: 1 };

function router(options: PodCliqueOptions = {}): PodClique {
  return podCliqueFor(pcs, 'router', { status: reconciled, generation: 1, ...options });
}

function status(pods: V1Pod[], overrides: Partial<PodCliqueStatusInput> = {}): PodCliqueStatus {
  return podCliqueStatus({ podClique: router(), pods, expectedPodTemplateHash: 'new', updateInProgress: false, now: NOW, ...overrides });
}

const running = (name: string) => aPod(name).scheduled().ready().hash('new');

describe('podCliqueStatus counts (§1.2)', () => {
  const pods = [
    running('ready-1').build(),
    running('ready-old-hash').hash('old').build(),
    aPod('gated').gated().hash('new').build(),
    aPod('unschedulable').unschedulable().hash('new').build(),
    running('terminating').terminating().build(),
  ];
  const result = status(pods);

  it.each<[keyof PodCliqueStatus, number]>([
    ['replicas', 4], // every pod but the terminating one
    ['readyReplicas', 3], // a terminating pod still Ready counts, as in Grove
    ['scheduledReplicas', 3],
    ['scheduleGatedReplicas', 1],
    ['updatedReplicas', 4],
  ])('%s = %d', (field, expected) => {
    expect(result[field]).toBe(expected);
  });

  it('leaves updatedReplicas untouched while no hash is known', () => {
    const keep = podCliqueStatus({ podClique: router({ status: { ...reconciled, updatedReplicas: 7 } }), pods, expectedPodTemplateHash: undefined, updateInProgress: false, now: NOW });
    expect(keep.updatedReplicas).toBe(7);
    const never = podCliqueStatus({ podClique: router({ status: {} }), pods, expectedPodTemplateHash: undefined, updateInProgress: false, now: NOW });
    expect(never).not.toHaveProperty('updatedReplicas');
  });

  it('carries over observedGeneration, lastErrors, updateProgress and the current hashes', () => {
    const carried: PodCliqueStatus = {
      observedGeneration: 4,
      lastErrors: [{ code: 'ERR_SYNC_POD', description: 'boom', observedAt: '2026-01-01T00:00:00Z' }],
      updateProgress: { updateStartedAt: '2026-01-01T00:00:00Z', podCliqueSetGenerationHash: 'g2', podTemplateHash: 'new' },
      currentPodTemplateHash: 'old',
      currentPodCliqueSetGenerationHash: 'g1',
    };
    expect(status([], { podClique: router({ status: carried }) })).toMatchObject(carried);
  });

  it('sets the HPA selector of a standalone clique', () => {
    expect(result.hpaPodSelector).toBe('app.kubernetes.io/managed-by=grove-operator,app.kubernetes.io/part-of=inference,grove.io/podclique=inference-0-router');
  });

  it('sets no HPA selector on a PCSG member (it scales through its PCSG), dropping a stale one', () => {
    const member = podCliqueFor(pcs, 'worker', { scalingGroup: { name: 'decode', replicaIndex: 0 }, status: { ...reconciled, hpaPodSelector: 'stale' } });
    expect(status([], { podClique: member })).not.toHaveProperty('hpaPodSelector');
  });

  it('does not modify the PodClique it reads', () => {
    const podClique = router();
    const before = structuredClone(podClique);
    status(pods, { podClique });
    expect(podClique).toEqual(before);
  });
});

describe('podCliqueStatus conditions (§1.7)', () => {
  function conditionOf(result: PodCliqueStatus, type: string): [string | undefined, string | undefined] {
    const c = findCondition(result.conditions, type);
    return [c?.status, c?.reason];
  }

  it('computes none before the first successful spec reconcile (observedGeneration unset)', () => {
    const result = status([running('a').build()], { podClique: router({ status: {} }) });
    expect(result.conditions).toBeUndefined();
  });

  it.each<[string, V1Pod[], [string, string]]>([
    ['scheduled = minAvailable', [running('a').build(), running('b').build()], ['True', SCHEDULED.sufficientScheduledPods]],
    ['scheduled < minAvailable', [running('a').build(), aPod('b').gated().build()], ['False', SCHEDULED.insufficientScheduledPods]],
  ])('PodCliqueScheduled: %s', (_, pods, expected) => {
    expect(conditionOf(status(pods), CONDITION_TYPE.podCliqueScheduled)).toEqual(expected);
  });

  it.each<[string, V1Pod[], [string, string]]>([
    ['enough ready pods', [running('a').build(), running('b').build()], ['False', BREACHED.sufficientReadyPods]],
    // A scheduled pod still starting up is on its way: it does not breach.
    ['scheduled pods still starting', [aPod('a').scheduled().notStarted().build(), aPod('b').scheduled().build()], ['False', BREACHED.sufficientReadyPods]],
    ['a ready pod with an old crash', [running('a').exited(1).build(), running('b').build()], ['False', BREACHED.sufficientReadyPods]],
    ['fewer scheduled than minAvailable', [running('a').build(), aPod('b').gated().build()], ['True', BREACHED.scheduledReplicasBelowMinAvailable]],
    ['no pods scheduled', [], ['True', BREACHED.scheduledReplicasBelowMinAvailable]],
    ['a crash-looping pod', [running('a').build(), aPod('b').scheduled().notReady().exited(1).build()], ['True', BREACHED.insufficientReadyPods]],
    ['an init container failing', [running('a').build(), aPod('b').scheduled().exited(2, true).build()], ['True', BREACHED.insufficientReadyPods]],
    ['a started pod failing readiness', [running('a').build(), aPod('b').scheduled().startedNotReady().build()], ['True', BREACHED.insufficientReadyPods]],
    ['enough healthy pods beside a broken one', [running('a').build(), running('b').build(), aPod('c').scheduled().startedNotReady().build()], ['False', BREACHED.sufficientReadyPods]],
  ])('MinAvailableBreached (minAvailable 2): %s', (_, pods, expected) => {
    expect(conditionOf(status(pods), CONDITION_TYPE.minAvailableBreached)).toEqual(expected);
  });

  it('MinAvailableBreached is Unknown/UpdateInProgress during an auto update, whatever the pods (Appendix A item 6)', () => {
    expect(conditionOf(status([], { updateInProgress: true }), CONDITION_TYPE.minAvailableBreached)).toEqual(['Unknown', BREACHED.updateInProgress]);
  });

  it('defaults minAvailable to replicas', () => {
    const worker = podCliqueFor(pcs, 'worker', { scalingGroup: { name: 'decode', replicaIndex: 0 }, status: reconciled });
    const oneOfTwo = status([running('a').build()], { podClique: worker });
    expect(conditionOf(oneOfTwo, CONDITION_TYPE.podCliqueScheduled)).toEqual(['False', SCHEDULED.insufficientScheduledPods]);
  });

  it('keeps lastTransitionTime while the status holds, and stamps the generation', () => {
    const first = status([running('a').build(), running('b').build()], { now: EARLIER });
    const second = status([running('a').build(), running('b').build(), running('c').build()], { podClique: router({ status: first, generation: 2 }) });
    const scheduled = findCondition(second.conditions, CONDITION_TYPE.podCliqueScheduled);
    expect(scheduled?.lastTransitionTime).toEqual(EARLIER);
    expect(scheduled?.observedGeneration).toBe(2);
  });

  it('moves lastTransitionTime when the status flips', () => {
    const first = status([running('a').build(), running('b').build()], { now: EARLIER });
    const second = status([running('a').build()], { podClique: router({ status: first }) });
    expect(findCondition(second.conditions, CONDITION_TYPE.minAvailableBreached)?.lastTransitionTime).toEqual(NOW);
  });
});

describe('allScheduledReplicasLost (§1.8 event AllScheduledReplicasLost)', () => {
  it.each<[PodCliqueStatus | undefined, PodCliqueStatus, boolean]>([
    [{ scheduledReplicas: 2 }, { scheduledReplicas: 0 }, true],
    [{ scheduledReplicas: 2 }, {}, true],
    [{ scheduledReplicas: 2 }, { scheduledReplicas: 1 }, false],
    [{ scheduledReplicas: 0 }, { scheduledReplicas: 0 }, false],
    [undefined, { scheduledReplicas: 0 }, false],
  ])('%j → %j: %s', (before, after, expected) => {
    expect(allScheduledReplicasLost(before, after)).toBe(expected);
  });
});
