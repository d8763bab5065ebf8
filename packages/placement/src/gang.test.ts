import { describe, expect, it } from 'vitest';
import { placeGang, type PlacementResult } from './index.js';
import { aGang, aGroup, aNode, GPU, RACK, snapshotOf, topologyNodes } from './test-support.js';

const gpus = (n: number) => ({ [GPU]: n });
const placedOn = (result: PlacementResult): Record<string, string> =>
  result.placed ? Object.fromEntries(result.assignments.map((a) => [a.podKey, a.node])) : {};

describe('placeGang: gang semantics', () => {
  it('places all minimum pods of all groups together', () => {
    const snapshot = snapshotOf([aNode('n1'), aNode('n2')]);
    const result = placeGang(snapshot, aGang('ns/g', [aGroup('a', 1, gpus(8)), aGroup('b', 2, gpus(4))]));
    expect(result).toMatchObject({ placed: true, minimumCount: 3, score: 1 });
    expect(Object.keys(placedOn(result)).sort()).toEqual(['ns/a-0', 'ns/b-0', 'ns/b-1']);
  });

  it('places nothing when one minimum pod cannot fit, and names the group', () => {
    const snapshot = snapshotOf([aNode('n1'), aNode('n2')]);
    const result = placeGang(snapshot, aGang('ns/g', [aGroup('a', 1, gpus(8)), aGroup('b', 3, gpus(4))]));
    expect(result.placed).toBe(false);
    expect(result).not.toHaveProperty('assignments');
    expect(!result.placed && result.message).toMatch(/^podgroup b needs 3 pods with nvidia.com\/gpu: 4: the nodes have room for 2; of 2 nodes: 2 short of nvidia.com\/gpu$/);
  });

  it('does not mutate the snapshot', () => {
    const snapshot = snapshotOf([aNode('n1')]);
    placeGang(snapshot, aGang('ns/g', [aGroup('a', 2, gpus(4))]));
    expect(snapshot.free('n1')[GPU]).toBe(8);
    expect(snapshot.hasPod('ns/a-0')).toBe(false);
  });

  it('counts assumed pods: two gangs never get the same GPUs', () => {
    const snapshot = snapshotOf([aNode('n1'), aNode('n2')]);
    const first = placeGang(snapshot, aGang('ns/g1', [aGroup('a', 2, gpus(6))]));
    for (const a of first.placed ? first.assignments : []) snapshot.addPod(a.podKey, a.node, gpus(6));
    const second = placeGang(snapshot, aGang('ns/g2', [aGroup('b', 1, gpus(4))]));
    expect(second.placed).toBe(false);
    expect(!second.placed && second.message).toContain('2 short of nvidia.com/gpu');
    expect(placeGang(snapshot, aGang('ns/g3', [aGroup('c', 2, gpus(2))])).placed).toBe(true);
  });

  it('refuses a gang whose group has fewer than minReplicas pods, saying how many it waits for', () => {
    const snapshot = snapshotOf([aNode('n1')]);
    const result = placeGang(snapshot, aGang('ns/g', [aGroup('a', 1, gpus(1), { minReplicas: 4, boundNodes: ['n1'] })]));
    expect(result).toEqual({
      placed: false,
      reason: 'Unschedulable',
      message: 'podgroup a waits for 2 more pods to place its minimum of 4 (1 bound, 1 pending)',
    });
  });

  it('places only what is missing from the minimum when some pods are bound', () => {
    const snapshot = snapshotOf([aNode('n1'), aNode('n2')]);
    const result = placeGang(snapshot, aGang('ns/g', [aGroup('a', 2, gpus(8), { minReplicas: 2, boundNodes: ['n1'] })]));
    expect(result).toMatchObject({ placed: true, minimumCount: 1 });
    expect(placedOn(result)).toEqual({ 'ns/a-0': 'n1', 'ns/a-1': 'n2' }); // n1 is not really full: bound pods are the caller's to assume
  });

  it('places extras best-effort after the minimum and leaves out those that do not fit', () => {
    const snapshot = snapshotOf([aNode('n1'), aNode('n2')]);
    const result = placeGang(snapshot, aGang('ns/g', [aGroup('a', 5, gpus(4), { minReplicas: 2 })]));
    expect(result).toMatchObject({ placed: true, minimumCount: 2 });
    expect(Object.keys(placedOn(result))).toEqual(['ns/a-0', 'ns/a-1', 'ns/a-2', 'ns/a-3']);
  });

  it('fails with Unsupported when a minimum pod asks for something unsupported, but skips such extras', () => {
    const snapshot = snapshotOf([aNode('n1')]);
    const group = aGroup('a', 2, gpus(1), { minReplicas: 1 });
    const odd = { ...group, pending: group.pending.map((pod, i) => (i === 1 ? { ...pod, unsupported: 'topology spread constraints are not supported' } : pod)) };
    expect(placeGang(snapshot, aGang('ns/g', [odd]))).toMatchObject({ placed: true, minimumCount: 1, assignments: [{ podKey: 'ns/a-0' }] });
    const minimumOdd = { ...odd, minReplicas: 2 };
    expect(placeGang(snapshot, aGang('ns/g', [minimumOdd]))).toEqual({
      placed: false,
      reason: 'Unsupported',
      message: 'pod ns/a-1 of podgroup a: topology spread constraints are not supported',
    });
  });

  it('is deterministic', () => {
    const nodes = topologyNodes({ blocks: 2, racks: 4, hosts: 8 });
    const gang = aGang('ns/g', [aGroup('a', 6, gpus(4), { pack: { preferred: RACK } }), aGroup('b', 3, gpus(8))]);
    expect(placeGang(snapshotOf(nodes), gang)).toEqual(placeGang(snapshotOf(nodes), gang));
  });

  it('refuses a podgroup listed in two topology groups', () => {
    const snapshot = snapshotOf([aNode('n1')]);
    const gang = aGang('ns/g', [aGroup('a', 1, gpus(1))], {
      topologyGroups: [
        { name: 't1', podGroupNames: ['a'], pack: { required: RACK } },
        { name: 't2', podGroupNames: ['a'], pack: { required: RACK } },
      ],
    });
    expect(placeGang(snapshot, gang)).toMatchObject({ placed: false, reason: 'Unsupported', message: expect.stringContaining('podgroup a is in two topology groups (t1, t2)') });
  });

  it('places a gang with nothing pending as an empty success', () => {
    const snapshot = snapshotOf([aNode('n1')]);
    expect(placeGang(snapshot, aGang('ns/g', [aGroup('a', 0, gpus(1), { minReplicas: 1, boundNodes: ['n1'] })]))).toEqual({ placed: true, assignments: [], minimumCount: 0, score: 1 });
  });
});
