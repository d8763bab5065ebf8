import { describe, expect, it } from 'vitest';
import { ClusterSnapshot } from './index.js';
import { aNode, GPU, RACK } from './test-support.js';

const rackNode = (name: string, rack: string, extra: Parameters<typeof aNode>[1] = {}) => aNode(name, { labels: { [RACK]: rack }, ...extra });

describe('ClusterSnapshot', () => {
  it('free is allocatable minus bound and assumed pods, pod slots included', () => {
    const snapshot = new ClusterSnapshot();
    snapshot.upsertNode(rackNode('n1', 'r0'));
    snapshot.addPod('ns/a', 'n1', { [GPU]: 3, cpu: 1000 });
    snapshot.addPod('ns/b', 'n1', { [GPU]: 2 });
    expect(snapshot.free('n1')).toMatchObject({ [GPU]: 3, cpu: 63_000, pods: 108 });
    expect(snapshot.hasPod('ns/a')).toBe(true);
    expect(snapshot.nodeOfPod('ns/a')).toBe('n1');
    snapshot.removePod('ns/a');
    expect(snapshot.free('n1')).toMatchObject({ [GPU]: 6, cpu: 64_000, pods: 109 });
    expect(snapshot.hasPod('ns/a')).toBe(false);
  });

  it('addPod is idempotent per key and moves usage when the node changes', () => {
    const snapshot = new ClusterSnapshot();
    snapshot.upsertNode(rackNode('n1', 'r0'));
    snapshot.upsertNode(rackNode('n2', 'r1'));
    snapshot.addPod('ns/a', 'n1', { [GPU]: 4 });
    snapshot.addPod('ns/a', 'n1', { [GPU]: 4 });
    expect(snapshot.free('n1')[GPU]).toBe(4);
    snapshot.addPod('ns/a', 'n2', { [GPU]: 4 });
    expect(snapshot.free('n1')[GPU]).toBe(8);
    expect(snapshot.free('n2')[GPU]).toBe(4);
    expect(snapshot.domainFree(RACK, 'r0')[GPU]).toBe(8);
    expect(snapshot.domainFree(RACK, 'r1')[GPU]).toBe(4);
  });

  it('keeps usage on an unknown node and applies it when the node appears', () => {
    const snapshot = new ClusterSnapshot();
    snapshot.addPod('ns/a', 'late', { [GPU]: 5 });
    expect(snapshot.free('late')[GPU]).toBe(-5);
    snapshot.upsertNode(rackNode('late', 'r0'));
    expect(snapshot.free('late')[GPU]).toBe(3);
    expect(snapshot.nodeCount).toBe(1);
  });

  it('maintains domains and their free capacity through node and pod changes', () => {
    const snapshot = new ClusterSnapshot();
    snapshot.upsertNode(rackNode('n1', 'r0'));
    snapshot.upsertNode(rackNode('n2', 'r0'));
    expect(snapshot.domains(RACK)).toEqual(new Map([['r0', ['n1', 'n2']]]));
    expect(snapshot.domainFree(RACK, 'r0')[GPU]).toBe(16);
    // Incremental from here on: the index exists.
    snapshot.upsertNode(rackNode('n3', 'r1'));
    snapshot.addPod('ns/a', 'n1', { [GPU]: 8 });
    expect(snapshot.domainFree(RACK, 'r0')[GPU]).toBe(8);
    snapshot.upsertNode(rackNode('n2', 'r1')); // relabelled
    expect(snapshot.domains(RACK)).toEqual(new Map([['r0', ['n1']], ['r1', ['n3', 'n2']]]));
    expect(snapshot.domainFree(RACK, 'r0')[GPU] ?? 0).toBe(0);
    expect(snapshot.domainFree(RACK, 'r1')[GPU]).toBe(16);
    snapshot.upsertNode(rackNode('n3', 'r1', { unschedulable: true })); // cordoned: no capacity counted
    expect(snapshot.domainFree(RACK, 'r1')[GPU]).toBe(8);
    snapshot.removeNode('n1');
    expect(snapshot.domains(RACK).has('r0')).toBe(false);
    expect(snapshot.node('n1')).toBeUndefined();
    expect(snapshot.nodeCount).toBe(2);
  });

  it('matches a fresh rebuild after a random sequence of changes', () => {
    const live = new ClusterSnapshot();
    live.domainIndex(RACK);
    const ops: ((s: ClusterSnapshot) => void)[] = [];
    for (let i = 0; i < 200; i++) {
      const node = `n${i % 7}`;
      if (i % 5 === 0) ops.push((s) => s.upsertNode(rackNode(node, `r${i % 3}`, { ready: i % 4 !== 0 })));
      else if (i % 11 === 0) ops.push((s) => s.removeNode(node));
      else if (i % 3 === 0) ops.push((s) => s.removePod(`ns/p${i - 3}`));
      else ops.push((s) => s.addPod(`ns/p${i}`, node, { [GPU]: 1 + (i % 2) }));
    }
    for (const op of ops) op(live);
    const rebuilt = new ClusterSnapshot();
    for (const op of ops) op(rebuilt);
    for (const value of ['r0', 'r1', 'r2']) expect(live.domainFree(RACK, value)).toEqual(rebuilt.domainFree(RACK, value));
    expect([...live.domains(RACK)].map(([v, n]) => [v, [...n].sort()]).sort()).toEqual([...rebuilt.domains(RACK)].map(([v, n]) => [v, [...n].sort()]).sort());
  });
});
