import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CAPACITY,
  GPU_RESOURCE,
  nodeDiff,
  nodeManifest,
  nodeName,
  OWNED_NODE_LABEL,
  placementOf,
  TOPOLOGY_LABELS,
  validatePool,
  type NodePoolSpec,
} from './nodes.js';

const pool: NodePoolSpec = {
  count: 16,
  capacity: DEFAULT_CAPACITY,
  topology: { hostsPerRack: 2, racksPerBlock: 2, blocksPerZone: 2 },
};

describe('placementOf', () => {
  it('fills hosts, then racks, then blocks, then zones', () => {
    expect(placementOf(0, pool.topology)).toEqual({ zone: 'z0', block: 'z0-b0', rack: 'z0-b0-r0' });
    expect(placementOf(1, pool.topology)).toEqual({ zone: 'z0', block: 'z0-b0', rack: 'z0-b0-r0' });
    expect(placementOf(2, pool.topology)).toEqual({ zone: 'z0', block: 'z0-b0', rack: 'z0-b0-r1' });
    expect(placementOf(4, pool.topology)).toEqual({ zone: 'z0', block: 'z0-b1', rack: 'z0-b1-r0' });
    expect(placementOf(8, pool.topology)).toEqual({ zone: 'z1', block: 'z1-b0', rack: 'z1-b0-r0' });
  });

  it('gives every rack a value no other block shares', () => {
    const racks = new Map<string, string>();
    for (let i = 0; i < 64; i++) {
      const p = placementOf(i, pool.topology);
      expect(racks.get(p.rack) ?? p.block).toBe(p.block);
      racks.set(p.rack, p.block);
    }
    expect(racks.size).toBe(32);
  });
});

describe('nodeManifest', () => {
  it('carries capacity with GPUs, topology labels, the KWOK annotation and the ownership label', () => {
    const node = nodeManifest(5, pool);
    expect(node.metadata?.name).toBe('kwok-node-0005');
    expect(node.metadata?.annotations?.['kwok.x-k8s.io/node']).toBe('fake');
    expect(node.metadata?.labels).toMatchObject({
      [OWNED_NODE_LABEL]: 'true',
      [TOPOLOGY_LABELS.zone]: 'z0',
      [TOPOLOGY_LABELS.block]: 'z0-b1',
      [TOPOLOGY_LABELS.rack]: 'z0-b1-r0',
      [TOPOLOGY_LABELS.host]: 'kwok-node-0005',
    });
    expect(node.status?.capacity).toEqual({ cpu: '64', memory: '512Gi', pods: '110', [GPU_RESOURCE]: '8' });
    expect(node.status?.allocatable).toEqual(node.status?.capacity);
    expect(node.spec?.taints).toBeUndefined();
  });

  it('omits the GPU resource on CPU-only nodes', () => {
    const node = nodeManifest(0, { ...pool, capacity: { ...DEFAULT_CAPACITY, gpus: 0 } });
    expect(node.status?.capacity).not.toHaveProperty(GPU_RESOURCE);
  });
});

describe('nodeDiff', () => {
  it('creates the missing indices and removes owned nodes beyond the count', () => {
    const existing = [nodeName(0), nodeName(2), nodeName(5)];
    expect(nodeDiff(existing, 3)).toEqual({ create: [1], remove: [nodeName(5)] });
    expect(nodeDiff([], 2)).toEqual({ create: [0, 1], remove: [] });
    expect(nodeDiff(existing, 0)).toEqual({ create: [], remove: existing });
  });
});

describe('validatePool', () => {
  it('rejects shapes that cannot be laid out', () => {
    expect(() => validatePool({ ...pool, count: -1 })).toThrow(/node count/);
    expect(() => validatePool({ ...pool, topology: { ...pool.topology, hostsPerRack: 0 } })).toThrow(/hosts per rack/);
    expect(() => validatePool({ ...pool, capacity: { ...DEFAULT_CAPACITY, gpus: 1.5 } })).toThrow(/GPUs per node/);
    expect(() => validatePool(pool)).not.toThrow();
  });
});
