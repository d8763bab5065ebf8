import { describe, expect, it } from 'vitest';
import type { V1Pod } from '@kubernetes/client-node';
import type { PodGang } from '@grove/api';
import { aPod, aPodGang } from '../../test/support/builders.js';
import { applyPhase, applyScheduled, gangPhase, podSaysUnschedulable, podUnschedulablePatch, scheduledCondition, unscheduledCondition } from './status.js';

const t0 = new Date('2026-01-01T00:00:00Z');
const t1 = new Date('2026-01-01T00:01:00Z');

function initialized(gang: PodGang): PodGang {
  const condition = { type: 'Initialized', status: 'True', reason: 'PodGangPodsCreated', message: 'all pods created', lastTransitionTime: t0 };
  return { ...gang, status: { phase: 'Pending', conditions: [condition] } };
}

describe('applyScheduled', () => {
  it('merges Scheduled by type, keeps Initialized, and skips an identical rewrite', () => {
    const gang = initialized(aPodGang('g', [{ name: 'a', min: 1 }]));
    expect(applyScheduled(gang, unscheduledCondition('Unschedulable', 'no room'), t0)).toBe(true);
    expect(gang.status?.conditions?.map((c) => [c.type, c.status, c.reason])).toEqual([
      ['Initialized', 'True', 'PodGangPodsCreated'],
      ['Scheduled', 'False', 'Unschedulable'],
    ]);
    expect(applyScheduled(gang, unscheduledCondition('Unschedulable', 'no room'), t1)).toBe(false);
    expect(applyScheduled(gang, scheduledCondition(), t1, 0.75)).toBe(true);
    expect(gang.status).toMatchObject({ phase: 'Pending', placementScore: 0.75 });
    expect(gang.status?.conditions?.[1]).toMatchObject({ status: 'True', reason: 'Scheduled', lastTransitionTime: t1, observedGeneration: 1 });
  });

  it('sets phase Pending on a gang without status', () => {
    const gang = aPodGang('g', [{ name: 'a', min: 1 }]);
    expect(applyScheduled(gang, unscheduledCondition('Unsupported', 'host ports'), t0)).toBe(true);
    expect(gang.status?.phase).toBe('Pending');
  });
});

describe('gangPhase', () => {
  const gang = aPodGang('g', [
    { name: 'a', min: 2, pods: ['a-0', 'a-1', 'a-2'] },
    { name: 'b', min: 1, pods: ['b-0'] },
  ]);
  const running = (pod: V1Pod): V1Pod => ({ ...pod, status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] } });
  it('is Pending until every group has its minimum bound', () => {
    expect(gangPhase(gang, [aPod('a-0', { node: 'n' }), aPod('a-1', { node: 'n' }), aPod('b-0')])).toBe('Pending');
  });
  it('is Starting with the minimum bound, Running once the minimum is Running and Ready', () => {
    const bound = [aPod('a-0', { node: 'n' }), aPod('a-1', { node: 'n' }), aPod('a-2'), aPod('b-0', { node: 'n' })];
    expect(gangPhase(gang, bound)).toBe('Starting');
    expect(gangPhase(gang, [running(bound[0] as V1Pod), running(bound[1] as V1Pod), bound[2] as V1Pod, running(bound[3] as V1Pod)])).toBe('Running');
  });
  it('follows lost pods back to Pending', () => {
    const failed: V1Pod = { ...aPod('a-1', { node: 'n' }), status: { phase: 'Failed' } };
    expect(gangPhase(gang, [running(aPod('a-0', { node: 'n' })), failed, running(aPod('b-0', { node: 'n' }))])).toBe('Pending');
  });
  it('applyPhase writes only a change', () => {
    const copy = initialized(gang);
    expect(applyPhase(copy, 'Pending')).toBe(false);
    expect(applyPhase(copy, 'Starting')).toBe(true);
    expect(copy.status?.conditions).toHaveLength(1);
  });
});

describe('pod PodScheduled', () => {
  it('patches the condition by type and knows when it already says so', () => {
    const patch = podUnschedulablePatch('Unschedulable', 'no room', t0);
    expect(patch).toEqual({ status: { conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: 'no room', lastTransitionTime: t0.toISOString(), lastProbeTime: null }] } });
    const pod: V1Pod = { ...aPod('p'), status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: 'no room' }] } };
    expect(podSaysUnschedulable(pod, 'Unschedulable', 'no room')).toBe(true);
    expect(podSaysUnschedulable(pod, 'Unschedulable', 'other')).toBe(false);
  });
});
