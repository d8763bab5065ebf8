import { describe, expect, it } from 'vitest';
import type { PodClique } from '@grove/api';
import { podCliqueIdentity } from './identity.js';

function pclq(name: string, labels: Record<string, string>): PodClique {
  return { apiVersion: 'grove.io/v1alpha1', kind: 'PodClique', metadata: { name, labels }, spec: { podSpec: { containers: [] } } };
}

describe('podCliqueIdentity', () => {
  it('reads a standalone PodClique', () => {
    const p = pclq('inf-1-router', { 'app.kubernetes.io/part-of': 'inf', 'grove.io/podcliqueset-replica-index': '1' });
    expect(podCliqueIdentity(p)).toEqual({ pcs: 'inf', pcsReplica: 1, clique: 'router', placement: { kind: 'standalone' } });
  });

  it('reads a scaling-group member, whose clique and group names may contain dashes', () => {
    const p = pclq('inf-0-pre-fill-2-p-worker', {
      'app.kubernetes.io/part-of': 'inf',
      'grove.io/podcliqueset-replica-index': '0',
      'grove.io/podcliquescalinggroup': 'inf-0-pre-fill',
      'grove.io/podcliquescalinggroup-replica-index': '2',
    });
    expect(podCliqueIdentity(p)).toEqual({ pcs: 'inf', pcsReplica: 0, clique: 'p-worker', placement: { kind: 'member', group: 'pre-fill', groupReplica: 2 } });
  });

  it.each([
    ['no part-of label', pclq('inf-0-a', { 'grove.io/podcliqueset-replica-index': '0' })],
    ['a replica index that is not a number', pclq('inf-0-a', { 'app.kubernetes.io/part-of': 'inf', 'grove.io/podcliqueset-replica-index': 'x' })],
    ['a name from another replica', pclq('inf-1-a', { 'app.kubernetes.io/part-of': 'inf', 'grove.io/podcliqueset-replica-index': '0' })],
    ['a member without its group replica index', pclq('inf-0-g-0-a', { 'app.kubernetes.io/part-of': 'inf', 'grove.io/podcliqueset-replica-index': '0', 'grove.io/podcliquescalinggroup': 'inf-0-g' })],
  ])('is undefined for %s', (_why, p) => {
    expect(podCliqueIdentity(p)).toBeUndefined();
  });
});
