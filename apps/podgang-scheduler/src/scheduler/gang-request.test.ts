import { describe, expect, it } from 'vitest';
import { aPod, aPodGang, gangPods } from '../../test/support/builders.js';
import { buildGangRequest, groupOfPod } from './gang-request.js';

const ctx = { schedulerName: 'gang', assumedNode: () => undefined };

describe('buildGangRequest', () => {
  it('keeps groups in spec order, pending pods by name, bound pods as boundNodes, and every constraint level', () => {
    const gang = aPodGang(
      'g',
      [
        { name: 'g-0-worker', min: 2, pods: ['w-2', 'w-0', 'w-1'], pack: { required: 'host' } },
        { name: 'g-0-leader', min: 1, pods: ['l-0'] },
      ],
      { pack: { required: 'block', preferred: 'rack' }, groupConfigs: [{ name: 'sg-0', podGroupNames: ['g-0-worker'], pack: { preferred: 'rack' } }] },
    );
    const pods = [
      aPod('w-2', { gang: 'g', clique: 'g-0-worker' }),
      aPod('w-0', { gang: 'g', clique: 'g-0-worker', node: 'n3', phase: 'Running' }),
      aPod('w-1', { gang: 'g', clique: 'g-0-worker' }),
      aPod('l-0', { gang: 'g', clique: 'g-0-leader' }),
    ];
    const build = buildGangRequest(gang, pods, ctx);
    expect(build.readiness).toEqual({ ready: true });
    expect(build.pendingCount).toBe(3);
    expect(build.minimum).toBe(3);
    expect(build.request).toMatchObject({
      key: 'ns/g',
      pack: { required: 'block', preferred: 'rack' },
      topologyGroups: [{ name: 'sg-0', podGroupNames: ['g-0-worker'], pack: { preferred: 'rack' } }],
      groups: [
        { name: 'g-0-worker', minReplicas: 2, boundNodes: ['n3'], pack: { required: 'host' } },
        { name: 'g-0-leader', minReplicas: 1, boundNodes: [] },
      ],
    });
    expect(build.request.groups[0]?.pending.map((p) => p.key)).toEqual(['ns/w-1', 'ns/w-2']);
    expect(build.request.groups[1]).not.toHaveProperty('pack');
  });

  it('counts assumed pods as bound where they are assumed', () => {
    const gang = aPodGang('g', [{ name: 'c', min: 2, pods: ['p-0', 'p-1'] }]);
    const build = buildGangRequest(gang, gangPods('p', 2, { gang: 'g', clique: 'c' }), { schedulerName: 'gang', assumedNode: (k) => (k === 'ns/p-0' ? 'n9' : undefined) });
    expect(build.request.groups[0]).toMatchObject({ boundNodes: ['n9'], pending: [{ key: 'ns/p-1' }] });
  });

  it('is not ready while a group has fewer than minReplicas ungated pods, and says which', () => {
    const gang = aPodGang('g', [
      { name: 'a', min: 1, pods: ['a-0'] },
      { name: 'b', min: 3, pods: ['b-0', 'b-1', 'b-2'] },
    ]);
    const pods = [aPod('a-0', { gang: 'g', clique: 'a' }), aPod('b-0', { gang: 'g', clique: 'b' }), aPod('b-1', { gang: 'g', clique: 'b', gated: true }), aPod('b-2', { gang: 'g', clique: 'b', gated: true })];
    expect(buildGangRequest(gang, pods, ctx).readiness).toEqual({ ready: false, reason: 'podgroup b has 1 of 3 minimum pods ready to schedule (2 gated)' });
  });

  it('ignores terminating and terminal pods, pods of other schedulers and of other namespaces, and duplicates', () => {
    const gang = aPodGang('g', [{ name: 'c', min: 1, pods: ['p-0'] }]);
    const base = aPod('p-0', { gang: 'g', clique: 'c' });
    const pods = [
      base,
      base,
      { ...aPod('p-1', { gang: 'g', clique: 'c' }), metadata: { ...aPod('p-1').metadata, labels: { 'grove.io/podclique': 'c' }, deletionTimestamp: new Date() } },
      aPod('p-2', { gang: 'g', clique: 'c', node: 'n1', phase: 'Failed' }),
      aPod('p-3', { gang: 'g', clique: 'c', scheduler: 'default-scheduler' }),
      aPod('p-4', { gang: 'g', clique: 'c', namespace: 'elsewhere' }),
    ];
    const build = buildGangRequest(gang, pods, ctx);
    expect(build.request.groups[0]?.pending.map((p) => p.key)).toEqual(['ns/p-0']);
    expect(build.request.groups[0]?.boundNodes).toEqual([]);
    expect([...build.pods.keys()]).toEqual(['ns/p-0', 'ns/p-3']);
  });
});

describe('groupOfPod', () => {
  it('prefers the podReferences, falls back to the podclique label', () => {
    const gang = aPodGang('g', [
      { name: 'a', min: 1, pods: ['x'] },
      { name: 'b', min: 1 },
    ]);
    expect(groupOfPod(gang, aPod('x', { clique: 'b' }))?.name).toBe('a');
    expect(groupOfPod(gang, aPod('y', { clique: 'b' }))?.name).toBe('b');
    expect(groupOfPod(gang, aPod('z', { clique: 'nope' }))).toBeUndefined();
  });
});
