import { describe, expect, it } from 'vitest';
import { placePod, type NodeSelectorRequirement, type PlacementResult } from './index.js';
import { aNode, aPod, GPU, snapshotOf } from './test-support.js';

const nodeOf = (result: PlacementResult): string | undefined => (result.placed ? result.assignments[0]?.node : undefined);
const gpuPod = (options: Parameters<typeof aPod>[2] = {}) => aPod('ns/p', { [GPU]: 1 }, options);

describe('feasibility', () => {
  it('skips cordoned and not-Ready nodes and says so', () => {
    const snapshot = snapshotOf([aNode('cordoned', { unschedulable: true }), aNode('down', { ready: false }), aNode('ok', { gpus: 0 })]);
    const result = placePod(snapshot, gpuPod());
    expect(result).toMatchObject({ placed: false, reason: 'Unschedulable' });
    expect(!result.placed && result.message).toBe('pod ns/p needs nvidia.com/gpu: 1: no node has room; of 3 nodes: 1 cordoned, 1 not Ready, 1 short of nvidia.com/gpu');
    snapshot.upsertNode(aNode('cordoned'));
    expect(nodeOf(placePod(snapshot, gpuPod()))).toBe('cordoned');
  });

  it('requires NoSchedule and NoExecute taints to be tolerated and ignores PreferNoSchedule', () => {
    const snapshot = snapshotOf([
      aNode('no-schedule', { taints: [{ key: 'gpu', value: 'h100', effect: 'NoSchedule' }] }),
      aNode('no-execute', { taints: [{ key: 'maint', effect: 'NoExecute' }] }),
    ]);
    const refused = placePod(snapshot, gpuPod());
    expect(!refused.placed && refused.message).toContain('2 with untolerated taints');
    expect(nodeOf(placePod(snapshot, gpuPod({ tolerations: [{ key: 'gpu', operator: 'Equal', value: 'h100', effect: 'NoSchedule' }] })))).toBe('no-schedule');
    expect(placePod(snapshot, gpuPod({ tolerations: [{ key: 'gpu', value: 'a100' }] })).placed).toBe(false);
    expect(nodeOf(placePod(snapshot, gpuPod({ tolerations: [{ key: 'maint', operator: 'Exists' }] })))).toBe('no-execute');
    expect(placePod(snapshot, gpuPod({ tolerations: [{ key: 'maint', operator: 'Exists', effect: 'NoSchedule' }] })).placed).toBe(false);
    expect(placePod(snapshot, gpuPod({ tolerations: [{ operator: 'Exists' }] })).placed).toBe(true);
    const soft = snapshotOf([aNode('soft', { taints: [{ key: 'x', effect: 'PreferNoSchedule' }] })]);
    expect(nodeOf(placePod(soft, gpuPod()))).toBe('soft');
  });

  it('honours the nodeSelector', () => {
    const snapshot = snapshotOf([aNode('a', { labels: { pool: 'a' } }), aNode('b', { labels: { pool: 'b' } })]);
    expect(nodeOf(placePod(snapshot, gpuPod({ nodeSelector: { pool: 'b' } })))).toBe('b');
    const none = placePod(snapshot, gpuPod({ nodeSelector: { pool: 'c' } }));
    expect(!none.placed && none.message).toContain('2 not matching nodeSelector/affinity');
  });

  const labelled = snapshotOf([
    aNode('small', { labels: { gen: '3', pool: 'a' } }),
    aNode('big', { labels: { gen: '10', pool: 'b' } }),
    aNode('plain', { labels: {} }),
  ]);
  const withAffinity = (...requirements: NodeSelectorRequirement[]) => gpuPod({ requiredNodeAffinity: [{ matchExpressions: requirements }] });
  const nodesFor = (...requirements: NodeSelectorRequirement[]): string[] => {
    // Cordon-free enumeration: try every node alone.
    return ['small', 'big', 'plain'].filter((name) => placePod(snapshotOf([labelled.node(name) ?? aNode(name)]), withAffinity(...requirements)).placed);
  };

  it.each<[string, NodeSelectorRequirement, string[]]>([
    ['In', { key: 'pool', operator: 'In', values: ['a', 'c'] }, ['small']],
    ['NotIn (absent label matches)', { key: 'pool', operator: 'NotIn', values: ['a'] }, ['big', 'plain']],
    ['Exists', { key: 'gen', operator: 'Exists' }, ['small', 'big']],
    ['DoesNotExist', { key: 'gen', operator: 'DoesNotExist' }, ['plain']],
    ['Gt (numeric, not lexical)', { key: 'gen', operator: 'Gt', values: ['4'] }, ['big']],
    ['Lt', { key: 'gen', operator: 'Lt', values: ['4'] }, ['small']],
    ['Gt with a non-integer value', { key: 'gen', operator: 'Gt', values: ['x'] }, []],
  ])('node affinity %s', (_name, requirement, expected) => {
    expect(nodesFor(requirement)).toEqual(expected);
  });

  it('ORs affinity terms, ANDs requirements, and matches metadata.name fields', () => {
    const snapshot = snapshotOf([aNode('n1', { labels: { a: '1' } }), aNode('n2', { labels: { a: '1', b: '2' } })]);
    const both = gpuPod({ requiredNodeAffinity: [{ matchExpressions: [{ key: 'a', operator: 'Exists' }, { key: 'b', operator: 'Exists' }] }] });
    expect(nodeOf(placePod(snapshot, both))).toBe('n2');
    const byName = gpuPod({ requiredNodeAffinity: [{ matchExpressions: [{ key: 'zzz', operator: 'Exists' }] }, { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] }] });
    expect(nodeOf(placePod(snapshot, byName))).toBe('n1');
    expect(placePod(snapshot, gpuPod({ requiredNodeAffinity: [{}] })).placed).toBe(false);
  });

  it('counts pod slots and reports nodes without one', () => {
    const snapshot = snapshotOf([aNode('tiny', { pods: 1 })]);
    snapshot.addPod('ns/other', 'tiny', {});
    const result = placePod(snapshot, aPod('ns/p', {}));
    expect(!result.placed && result.message).toContain('1 without a free pod slot');
  });

  it('refuses a pod asking for something unsupported, with its text', () => {
    const result = placePod(snapshotOf([aNode('n')]), gpuPod({ unsupported: 'inter-pod affinity is not supported' }));
    expect(result).toEqual({ placed: false, reason: 'Unsupported', message: 'pod ns/p: inter-pod affinity is not supported' });
  });

  it('packs onto the most allocated node that fits (GPU accounting includes assumed pods)', () => {
    const snapshot = snapshotOf([aNode('empty'), aNode('half'), aNode('full')]);
    snapshot.addPod('ns/a', 'half', { [GPU]: 4 });
    snapshot.addPod('ns/b', 'full', { [GPU]: 7 });
    expect(nodeOf(placePod(snapshot, aPod('ns/p', { [GPU]: 1 })))).toBe('full');
    expect(nodeOf(placePod(snapshot, aPod('ns/p', { [GPU]: 2 })))).toBe('half');
    expect(nodeOf(placePod(snapshot, aPod('ns/p', { [GPU]: 6 })))).toBe('empty');
    snapshot.addPod('ns/c', 'empty', { [GPU]: 8 });
    expect(placePod(snapshot, aPod('ns/p', { [GPU]: 6 })).placed).toBe(false);
  });
});
