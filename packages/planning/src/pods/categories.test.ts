import { SCHEDULING_GATE } from '@grove/api';
import type { V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import {
  carriesGroveGate,
  hasErroneousExit,
  isActive,
  isReady,
  isScheduleGated,
  isScheduled,
  isStartedNotReady,
  isTerminating,
  podHealth,
  podTemplateHashOf,
} from './categories.js';
import { aPod } from './test-support.js';

describe('pod categorisation (§1.7)', () => {
  it.each<[string, V1Pod, boolean]>([
    ['PodScheduled=True', aPod().scheduled().build(), true],
    ['no PodScheduled condition', aPod().build(), false],
    ['PodScheduled=False/SchedulingGated', aPod().gated().build(), false],
    ['PodScheduled=False/Unschedulable', aPod().unschedulable().build(), false],
  ])('scheduled: %s → %s', (_, pod, expected) => {
    expect(isScheduled(pod)).toBe(expected);
  });

  it.each<[string, V1Pod, boolean]>([
    ['PodScheduled=False/SchedulingGated', aPod().gated().build(), true],
    ['PodScheduled=False for another reason', aPod().unschedulable().build(), false],
    ['PodScheduled=True', aPod().scheduled().build(), false],
    // The gate alone does not count: the kubelet-side condition is the signal (§1.7).
    ['a gate but no PodScheduled condition yet', { ...aPod().build(), spec: { containers: [], schedulingGates: [{ name: 'x' }] } }, false],
  ])('schedule-gated: %s → %s', (_, pod, expected) => {
    expect(isScheduleGated(pod)).toBe(expected);
  });

  it.each<[string, V1Pod, boolean]>([
    ['deletionTimestamp set', aPod().terminating().build(), true],
    ['no deletionTimestamp', aPod().scheduled().ready().build(), false],
  ])('terminating: %s → %s', (_, pod, expected) => {
    expect(isTerminating(pod)).toBe(expected);
  });

  it.each<[string, V1Pod, boolean]>([
    ['Ready=True', aPod().ready().build(), true],
    ['Ready=False', aPod().notReady().build(), false],
    ['no Ready condition', aPod().build(), false],
  ])('ready: %s → %s', (_, pod, expected) => {
    expect(isReady(pod)).toBe(expected);
  });

  it.each<[string, V1Pod, boolean]>([
    ['main container last exited 1, not ready', aPod().notReady().exited(1).build(), true],
    ['init container last exited 137, not ready', aPod().exited(137, true).build(), true],
    ['last exit 0', aPod().notReady().exited(0).build(), false],
    ['no last termination', aPod().notReady().startedNotReady().build(), false],
    ['non-zero exit but Ready again', aPod().ready().exited(1).build(), false],
  ])('erroneous exit: %s → %s', (_, pod, expected) => {
    expect(hasErroneousExit(pod)).toBe(expected);
  });

  it.each<[string, V1Pod, boolean]>([
    ['a container started=true, ready=false', aPod().startedNotReady().build(), true],
    ['the container has not started', aPod().notStarted().build(), false],
    ['no container statuses', aPod().build(), false],
  ])('started-not-ready: %s → %s', (_, pod, expected) => {
    expect(isStartedNotReady(pod)).toBe(expected);
  });

  it.each<[string, V1Pod, boolean]>([
    ['Pending', aPod().build(), true],
    ['Running', aPod().scheduled().build(), true],
    ['Unknown', aPod().phase('Unknown').build(), true],
    ['Succeeded', aPod().phase('Succeeded').build(), false],
    ['Failed', aPod().phase('Failed').build(), false],
    ['Running but terminating', aPod().scheduled().terminating().build(), false],
  ])('active: %s → %s', (_, pod, expected) => {
    expect(isActive(pod)).toBe(expected);
  });

  it('finds Grove’s gate among others, and only Grove’s', () => {
    const withGates = (names: string[]): V1Pod => ({ spec: { containers: [], schedulingGates: names.map((name) => ({ name })) } });
    expect(carriesGroveGate(withGates(['other', SCHEDULING_GATE.podGangPendingCreation]))).toBe(true);
    expect(carriesGroveGate(withGates(['other']))).toBe(false);
    expect(carriesGroveGate(aPod().build())).toBe(false);
  });

  it('reads the pod-template hash label', () => {
    expect(podTemplateHashOf(aPod().hash('abc').build())).toBe('abc');
    expect(podTemplateHashOf(aPod().build())).toBeUndefined();
  });

  it.each<[string, V1Pod, ReturnType<typeof podHealth>]>([
    // Priority order: ready, else erroneous, else started-not-ready.
    ['ready with an old erroneous exit', aPod().ready().exited(1).startedNotReady().build(), 'ready'],
    ['erroneous and started-not-ready', aPod().notReady().exited(1).startedNotReady().build(), 'erroneous'],
    ['only started-not-ready', aPod().notReady().startedNotReady().build(), 'startedNotReady'],
    ['still starting', aPod().notStarted().build(), 'other'],
  ])('health priority: %s → %s', (_, pod, expected) => {
    expect(podHealth(pod)).toBe(expected);
  });
});
