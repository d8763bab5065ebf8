import { describe, expect, it } from 'vitest';
import { aNode } from '../../test/support/builders.js';
import { nodeChangeCanHelp, nodeInfoChanged, toNodeInfo } from './node-info.js';

describe('toNodeInfo', () => {
  it('takes labels, allocatable in base units, taints, cordon and Ready', () => {
    const node = aNode('n1', { gpu: 4, cpu: '16', labels: { rack: 'r1' }, unschedulable: true, taints: [{ key: 'pool', value: 'a', effect: 'NoSchedule' }] });
    expect(toNodeInfo(node)).toEqual({
      name: 'n1',
      labels: { 'kubernetes.io/hostname': 'n1', rack: 'r1' },
      allocatable: { cpu: 16_000, memory: 256 * 1024 ** 3, pods: 110, 'nvidia.com/gpu': 4 },
      taints: [{ key: 'pool', value: 'a', effect: 'NoSchedule' }],
      unschedulable: true,
      ready: true,
    });
    expect(toNodeInfo(aNode('n2', { ready: false })).ready).toBe(false);
  });
});

describe('nodeChangeCanHelp', () => {
  const base = toNodeInfo(aNode('n1', { taints: [{ key: 't', effect: 'NoSchedule' }] }));
  it.each([
    ['a new node', undefined, base, true],
    ['uncordoned', { ...base, unschedulable: true }, base, true],
    ['turned Ready', { ...base, ready: false }, base, true],
    ['more GPUs', { ...base, allocatable: { ...base.allocatable, 'nvidia.com/gpu': 4 } }, base, true],
    ['a taint removed', base, { ...base, taints: [] }, true],
    ['labels changed', base, { ...base, labels: { ...base.labels, rack: 'r2' } }, true],
    ['nothing changed (a heartbeat)', base, { ...base }, false],
    ['cordoned', base, { ...base, unschedulable: true }, false],
    ['fewer GPUs', base, { ...base, allocatable: { ...base.allocatable, 'nvidia.com/gpu': 2 } }, false],
    ['a taint added', base, { ...base, taints: [...base.taints, { key: 'u', effect: 'NoExecute' as const }] }, false],
  ])('%s → %s', (_what, old, next, helps) => {
    expect(nodeChangeCanHelp(old, next)).toBe(helps);
  });

  it('nodeInfoChanged sees shrinking changes too, but not heartbeats', () => {
    expect(nodeInfoChanged(base, { ...base })).toBe(false);
    expect(nodeInfoChanged(base, { ...base, unschedulable: true })).toBe(true);
    expect(nodeInfoChanged(base, { ...base, taints: [{ key: 't', effect: 'NoExecute' }] })).toBe(true);
  });
});
