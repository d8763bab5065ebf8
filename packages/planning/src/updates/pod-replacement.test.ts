import type { PodCliqueUpdateProgress } from '@grove/api';
import type { V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { planPodCliqueRollout } from './podclique-rollout.js';
import { aLivePodClique, aPod, convergedStatus, EARLIER, names, NOW } from './test-support.js';

const GEN = 'gen-2';
const old = (name: string, o: { ready?: boolean; terminating?: boolean; createdAt?: string; phase?: string } = {}): V1Pod =>
  aPod(name, { hash: 'a-1', ...o });
const updated = (name: string, o: { ready?: boolean; terminating?: boolean } = {}): V1Pod => aPod(name, { hash: 'a-2', ...o });
const record = (selection?: { current: string; completed?: string[] }): PodCliqueUpdateProgress => ({
  updateStartedAt: EARLIER,
  podCliqueSetGenerationHash: GEN,
  podTemplateHash: 'a-2',
  ...(selection !== undefined && { readyPodsSelectedToUpdate: selection }),
});

/** One §6.3 pass over a PodClique whose update record is already running. */
function pass(pods: V1Pod[], o: { selection?: { current: string; completed?: string[] }; replicas?: number; minAvailable?: number } = {}) {
  const podClique = aLivePodClique('wl-0-pc-a', {
    hash: 'a-2',
    replicas: o.replicas ?? 3,
    minAvailable: o.minAvailable ?? 2,
    status: { ...convergedStatus('a-1', 'gen-1', 3), updateProgress: record(o.selection) },
  });
  return planPodCliqueRollout({ podClique, pods, pcsGenerationHash: GEN, expectedPodTemplateHash: 'a-2', mayReplacePods: true, onDelete: false, now: NOW });
}

describe('PodClique rolling recreate, one pass (§6.3)', () => {
  it('step 1: deletes every non-Ready old pod at once, with the oldest Ready old pod', () => {
    const pods = [
      old('ready-new', { createdAt: '2026-01-01T10:00:05Z' }),
      old('ready-oldest', { createdAt: '2026-01-01T10:00:01Z' }),
      old('pending', { ready: false }),
      old('crashing', { ready: false, phase: 'Running' }),
      updated('n-0'),
    ];
    const result = pass(pods, { replicas: 5 });
    expect(names(result.deletePods)).toEqual(['pending', 'crashing', 'ready-oldest']);
    expect(result.updateProgress?.readyPodsSelectedToUpdate).toEqual({ current: 'ready-oldest' });
    expect(result.requeue).toBe(true);
  });

  it('ignores old pods that are already terminating', () => {
    const result = pass([old('going', { terminating: true, ready: false }), updated('n-0'), updated('n-1'), old('p-2')]);
    expect(names(result.deletePods)).toEqual(['p-2']);
  });

  it('step 2: waits while the selected pod still exists un-terminated (non-Ready old pods still go)', () => {
    const result = pass([old('p-0'), old('p-1'), old('p-2', { ready: false })], { selection: { current: 'p-0' } });
    expect(result).toEqual({ updateProgress: undefined, resetUpdatedReplicas: false, deletePods: [old('p-2', { ready: false })], requeue: true });
  });

  it('step 2: waits while the replacement of the selected pod is not Ready yet (RU-10: one deleted, one Pending)', () => {
    const pods = [old('p-0', { terminating: true }), updated('n-0', { ready: false }), old('p-1'), old('p-2')];
    const result = pass(pods, { selection: { current: 'p-0' } });
    expect(result.deletePods).toEqual([]);
    expect(result.requeue).toBe(true);
  });

  it('step 3: once the replacement is Ready, takes the next oldest and moves the previous one to completed', () => {
    const pods = [updated('n-0'), old('p-1', { createdAt: '2026-01-01T10:00:02Z' }), old('p-2', { createdAt: '2026-01-01T10:00:01Z' })];
    const result = pass(pods, { selection: { current: 'p-0' } });
    expect(names(result.deletePods)).toEqual(['p-2']);
    expect(result.updateProgress?.readyPodsSelectedToUpdate).toEqual({ current: 'p-2', completed: ['p-0'] });
  });

  it('counts the Ready replacements against every pod selected so far', () => {
    const pods = [updated('n-0'), updated('n-1', { ready: false }), old('p-2')];
    const result = pass(pods, { selection: { current: 'p-1', completed: ['p-0'] } });
    expect(result.deletePods).toEqual([]);
    expect(result.requeue).toBe(true);
  });

  it.each<[string, V1Pod[], number, string[]]>([
    ['ready < minAvailable: waits', [old('p-0'), old('p-1', { ready: false }), old('p-2', { ready: false })], 2, ['p-1', 'p-2']],
    ['ready == minAvailable: proceeds (RU-10 with minAvailable = replicas)', [old('p-0'), old('p-1')], 2, ['p-0']],
    ['a terminating Ready pod does not count as Ready', [old('p-0'), old('p-1', { terminating: true }), updated('n-0', { ready: false })], 2, []],
  ])('step 3 guard, %s', (_name, pods, minAvailable, deleted) => {
    const result = pass(pods, { minAvailable, replicas: 2 });
    expect(names(result.deletePods)).toEqual(deleted);
    expect(result.requeue).toBe(true);
  });

  it('step 4: ends the update when no old pod is left, clearing the selection', () => {
    const result = pass([updated('n-0'), updated('n-1'), updated('n-2')], { selection: { current: 'p-2', completed: ['p-0', 'p-1'] } });
    expect(result).toEqual({
      updateProgress: { ...record(), updateEndedAt: NOW.toISOString() },
      resetUpdatedReplicas: false,
      deletePods: [],
      requeue: false,
    });
  });

  it('step 4: ends as well when the only old pods left are non-Ready ones deleted now (their replacements are new)', () => {
    const result = pass([updated('n-0'), updated('n-1'), old('p-2', { ready: false })]);
    expect(names(result.deletePods)).toEqual(['p-2']);
    expect(result.updateProgress?.updateEndedAt).toBe(NOW.toISOString());
  });

  it('RU-18: pods added by a scale-out during the update already run the new template and are left alone', () => {
    const pods = [updated('n-0'), updated('scaled-out-3'), old('p-1', { createdAt: '2026-01-01T10:00:09Z' }), old('p-2', { createdAt: '2026-01-01T10:00:00Z' })];
    const result = pass(pods, { replicas: 4, selection: { current: 'p-0' } });
    expect(names(result.deletePods)).toEqual(['p-2']);
  });

  it('RU-20: a scale-in during the update cannot leave it waiting for more replacements than pods', () => {
    // Three pods were selected, then the PodClique went 3 → 2: only two new pods can ever be Ready.
    const result = pass([updated('n-0'), updated('n-1')], { replicas: 2, selection: { current: 'p-2', completed: ['p-0', 'p-1'] } });
    expect(result.updateProgress?.updateEndedAt).toBe(NOW.toISOString());
  });

  it('RU-7: never deletes more than one Ready pod per pass', () => {
    const result = pass([old('p-0'), old('p-1'), old('p-2')], { minAvailable: 1 });
    expect(result.deletePods).toHaveLength(1);
  });
});
