import { CONDITION_REASON, CONDITION_TYPE, type PodGang, type PodGangStatus } from '@grove/api';
import { aPodCliqueSet } from '@grove/fixtures';
import type { V1Condition } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { findCondition } from '../conditions.js';
import { podGangReady, podGangStatusUpdate } from './gang-status.js';
import { aGangWorld, aPod, aPodClique, aPodGang, aPodGroup, podsOf } from './test-support.js';

const pcs = aPodCliqueSet('inference').clique('router').clique('worker', { replicas: 2 }).build();
const gang = aPodGang('inference-0', [aPodGroup('inference-0-router', 1), aPodGroup('inference-0-worker', 2)]);
const cliques = [aPodClique('inference-0-router', { replicas: 1 }), aPodClique('inference-0-worker', { replicas: 2 })];
const allPods = [...podsOf('inference-0-router', 1, { gang: 'inference-0' }), ...podsOf('inference-0-worker', 2, { gang: 'inference-0' })];

describe('podGangReady (§3.2 step 3)', () => {
  it.each([
    ['every PodClique exists with all its pods associated', cliques, allPods, true],
    ['a PodClique is missing', cliques.slice(0, 1), allPods, false],
    ['a PodClique is terminating', [cliques[0], aPodClique('inference-0-worker', { replicas: 2, terminating: true })], allPods, false],
    ['a PodClique has fewer pods than spec.replicas', cliques, allPods.slice(0, 2), false],
    ['a pod is terminating (its replacement is not there yet)', cliques, [...allPods.slice(0, 2), aPod('inference-0-worker-b', 'inference-0-worker', { gang: 'inference-0', terminating: true })], false],
    ['a pod has no podgang label yet', cliques, [...allPods.slice(0, 2), aPod('inference-0-worker-b', 'inference-0-worker')], false],
    ['a pod is labelled with another gang', cliques, [...allPods, aPod('inference-0-worker-c', 'inference-0-worker', { gang: 'other' })], false],
    ['a PodClique scaled beyond the template has all its pods (live spec.replicas counts)', [cliques[0], aPodClique('inference-0-worker', { replicas: 3 })], [...allPods, aPod('inference-0-worker-c', 'inference-0-worker', { gang: 'inference-0' })], true],
    ['a PodClique scaled beyond the template lacks a pod', [cliques[0], aPodClique('inference-0-worker', { replicas: 3 })], allPods, false],
  ])('%s → %s', (_, podCliques, pods, expected) => {
    const world = aGangWorld(pcs, { podCliques: podCliques.filter((c) => c !== undefined), pods });
    expect(podGangReady(gang, world)).toBe(expected);
  });

  it('counts terminating pods neither for nor against readiness once replacements exist', () => {
    const pods = [...allPods, aPod('inference-0-worker-old', 'inference-0-worker', { gang: 'other', terminating: true })];
    expect(podGangReady(gang, aGangWorld(pcs, { podCliques: cliques, pods }))).toBe(true);
  });
});

const t0 = new Date('2026-01-01T00:00:00Z');
const t1 = new Date('2026-01-01T00:05:00Z');
const INITIALIZED = CONDITION_TYPE.podGangInitialized;
const REASON = CONDITION_REASON.podGangInitialized;

function withStatus(status: PodGangStatus): PodGang {
  return { ...aPodGang('inference-0'), status };
}

function initialized(status: V1Condition['status'], reason: string): V1Condition {
  return { type: INITIALIZED, status, reason, message: 'm', lastTransitionTime: t0 };
}

describe('podGangStatusUpdate (§3.2 steps 2 and 4, §1.5)', () => {
  it('marks a new gang Initialized=False/PodGangPodsCreationPending, phase Pending', () => {
    const status = podGangStatusUpdate(undefined, false, t1);
    expect(status?.phase).toBe('Pending');
    expect(findCondition(status?.conditions, INITIALIZED)).toMatchObject({ status: 'False', reason: REASON.podsCreationPending, lastTransitionTime: t1 });
  });

  it('marks a gang that is already ready on its first pass Initialized=True at once', () => {
    const status = podGangStatusUpdate(aPodGang('inference-0'), true, t1);
    expect(findCondition(status?.conditions, INITIALIZED)).toMatchObject({ status: 'True', reason: REASON.podsCreated });
  });

  it('turns Initialized True with PodGangPodsCreated when the gang becomes ready, stamping the transition', () => {
    const status = podGangStatusUpdate(withStatus({ phase: 'Pending', conditions: [initialized('False', REASON.podsCreationPending)] }), true, t1);
    expect(findCondition(status?.conditions, INITIALIZED)).toMatchObject({ status: 'True', reason: REASON.podsCreated, lastTransitionTime: t1 });
    expect(status?.phase).toBe('Pending');
  });

  it.each([
    ['still pending and not ready', initialized('False', REASON.podsCreationPending), false],
    ['already initialized and ready', initialized('True', REASON.podsCreated), true],
    ['already initialized and no longer ready (never reverts)', initialized('True', REASON.podsCreated), false],
  ])('changes nothing when %s', (_, condition, ready) => {
    expect(podGangStatusUpdate(withStatus({ phase: 'Pending', conditions: [condition] }), ready, t1)).toBeUndefined();
  });

  it('keeps the conditions, phase and placement score the scheduler wrote', () => {
    const scheduled: V1Condition = { type: CONDITION_TYPE.podGangScheduled, status: 'True', reason: 'Bound', message: '', lastTransitionTime: t0 };
    const current = withStatus({ phase: 'Running', placementScore: 0.9, conditions: [scheduled, initialized('False', REASON.podsCreationPending)] });
    const status = podGangStatusUpdate(current, true, t1);
    expect(status?.phase).toBe('Running');
    expect(status?.placementScore).toBe(0.9);
    expect(status?.conditions?.map((c) => [c.type, c.status])).toEqual([
      [CONDITION_TYPE.podGangScheduled, 'True'],
      [INITIALIZED, 'True'],
    ]);
  });

  it('records the gang generation it observed', () => {
    const current: PodGang = { ...aPodGang('inference-0'), metadata: { name: 'inference-0', generation: 3 } };
    expect(podGangStatusUpdate(current, false, t1)?.conditions?.[0]?.observedGeneration).toBe(3);
  });
});
