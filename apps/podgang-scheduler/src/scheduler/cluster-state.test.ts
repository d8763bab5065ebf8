import { describe, expect, it } from 'vitest';
import type { V1Pod } from '@kubernetes/client-node';
import { ClusterSnapshot } from '@grove/placement';
import { aNode, aPod } from '../../test/support/builders.js';
import { ClusterState } from './cluster-state.js';

const gpu = (state: ClusterState, node: string) => state.snapshot.free(node)['nvidia.com/gpu'];
const twoGpus = { requests: { 'nvidia.com/gpu': '2' } };

function stateWithNode(): ClusterState {
  const state = new ClusterState(new ClusterSnapshot());
  state.upsertNode(aNode('n1', { gpu: 8 }));
  return state;
}

describe('ClusterState', () => {
  it('books every bound pod, whoever scheduled it, and releases it when terminal or deleted', () => {
    const state = stateWithNode();
    const foreign = aPod('f', { ...twoGpus, scheduler: 'default-scheduler', node: 'n1', phase: 'Running' });
    expect(state.applyPod(foreign)).toBe(false);
    expect(gpu(state, 'n1')).toBe(6);
    expect(state.applyPod({ ...foreign, status: { phase: 'Succeeded' } })).toBe(true);
    expect(gpu(state, 'n1')).toBe(8);
    state.applyPod(foreign);
    expect(state.deletePod(foreign)).toBe(true);
    expect(gpu(state, 'n1')).toBe(8);
    expect(state.deletePod(foreign)).toBe(false);
  });

  it('books pods seen before their node once the node arrives', () => {
    const state = new ClusterState(new ClusterSnapshot());
    state.applyPod(aPod('p', { ...twoGpus, node: 'late' }));
    expect(state.upsertNode(aNode('late', { gpu: 8 }))).toBe(true);
    expect(gpu(state, 'late')).toBe(6);
  });

  it('keeps an assumption while the cache still shows the pod unbound, confirms it when bound', () => {
    const state = stateWithNode();
    const pod = aPod('p', twoGpus);
    state.assume('ns/p', 'uid-p', 'n1', { 'nvidia.com/gpu': 2 });
    expect(state.applyPod(pod)).toBe(false);
    expect(gpu(state, 'n1')).toBe(6);
    expect(state.assumedNode('ns/p')).toBe('n1');
    state.applyPod(aPod('p', { ...twoGpus, node: 'n1' }));
    expect(state.assumedNode('ns/p')).toBeUndefined();
    expect(gpu(state, 'n1')).toBe(6);
    state.forget('ns/p'); // bound: nothing to forget
    expect(gpu(state, 'n1')).toBe(6);
  });

  it('forgets an assumption whose binding failed, and one of a re-created pod (another UID)', () => {
    const state = stateWithNode();
    state.assume('ns/p', 'uid-p', 'n1', { 'nvidia.com/gpu': 2 });
    state.forget('ns/p');
    expect(gpu(state, 'n1')).toBe(8);
    state.assume('ns/p', 'uid-p', 'n1', { 'nvidia.com/gpu': 2 });
    const recreated: V1Pod = aPod('p', { ...twoGpus, uid: 'uid-new' });
    expect(state.applyPod(recreated)).toBe(true);
    expect(gpu(state, 'n1')).toBe(8);
  });

  it('reports only node changes that can help a parked unit', () => {
    const state = stateWithNode();
    expect(state.upsertNode(aNode('n1', { gpu: 8 }))).toBe(false);
    expect(state.upsertNode(aNode('n1', { gpu: 8, unschedulable: true }))).toBe(false);
    expect(state.upsertNode(aNode('n1', { gpu: 8 }))).toBe(true);
  });
});
