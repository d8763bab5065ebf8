/**
 * KWOK node manifests: capacity and a four-level topology (zone / block / rack / host). Pure.
 *
 * Nodes fill hosts in order: host i sits in rack floor(i / hostsPerRack), and so on up.
 * Domain values embed their parents (`z0-b1-r3`) so a label value names one domain cluster-wide:
 * packing by the rack key must never merge racks of different blocks.
 */
import type { V1Node } from '@kubernetes/client-node';
import { KWOK_NODE_ANNOTATION } from './args.js';

export interface NodeCapacity {
  readonly cpu: string;
  readonly memory: string;
  readonly pods: string;
  readonly gpus: number;
}

export interface TopologyShape {
  readonly hostsPerRack: number;
  readonly racksPerBlock: number;
  readonly blocksPerZone: number;
}

export interface NodePoolSpec {
  readonly count: number;
  readonly capacity: NodeCapacity;
  readonly topology: TopologyShape;
}

/** Node label keys of each topology level; a ClusterTopologyBinding maps domains to these. */
export const TOPOLOGY_LABELS = {
  zone: 'topology.kubernetes.io/zone',
  block: 'topology.grove.io/block',
  rack: 'topology.grove.io/rack',
  host: 'kubernetes.io/hostname',
} as const;

/** Marks nodes this tool created; only nodes with this label are ever deleted by it. */
export const OWNED_NODE_LABEL = 'grove.io/local-cluster-node';
export const GPU_RESOURCE = 'nvidia.com/gpu';

export const DEFAULT_CAPACITY: NodeCapacity = { cpu: '64', memory: '512Gi', pods: '110', gpus: 8 };
export const DEFAULT_TOPOLOGY: TopologyShape = { hostsPerRack: 2, racksPerBlock: 2, blocksPerZone: 2 };

export interface NodePlacement {
  readonly zone: string;
  readonly block: string;
  readonly rack: string;
}

export function placementOf(index: number, shape: TopologyShape): NodePlacement {
  const rack = Math.floor(index / shape.hostsPerRack);
  const block = Math.floor(rack / shape.racksPerBlock);
  const zone = Math.floor(block / shape.blocksPerZone);
  const blockInZone = block % shape.blocksPerZone;
  const rackInBlock = rack % shape.racksPerBlock;
  return {
    zone: `z${zone}`,
    block: `z${zone}-b${blockInZone}`,
    rack: `z${zone}-b${blockInZone}-r${rackInBlock}`,
  };
}

export function nodeName(index: number): string {
  return `kwok-node-${String(index).padStart(4, '0')}`;
}

export function nodeManifest(index: number, pool: NodePoolSpec): V1Node {
  const name = nodeName(index);
  const where = placementOf(index, pool.topology);
  const resources: Record<string, string> = {
    cpu: pool.capacity.cpu,
    memory: pool.capacity.memory,
    pods: pool.capacity.pods,
    ...(pool.capacity.gpus > 0 ? { [GPU_RESOURCE]: String(pool.capacity.gpus) } : {}),
  };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      annotations: { [KWOK_NODE_ANNOTATION]: 'fake', 'node.alpha.kubernetes.io/ttl': '0' },
      labels: {
        type: 'kwok',
        [OWNED_NODE_LABEL]: 'true',
        'kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        [TOPOLOGY_LABELS.zone]: where.zone,
        [TOPOLOGY_LABELS.block]: where.block,
        [TOPOLOGY_LABELS.rack]: where.rack,
        [TOPOLOGY_LABELS.host]: name,
      },
    },
    status: { capacity: resources, allocatable: resources },
  };
}

/** Which owned nodes to create and which to delete so that exactly `count` exist. */
export function nodeDiff(existingOwned: readonly string[], count: number): { create: number[]; remove: string[] } {
  const wanted = new Set(Array.from({ length: count }, (_, i) => nodeName(i)));
  const existing = new Set(existingOwned);
  return {
    create: [...wanted].filter((n) => !existing.has(n)).map((n) => Number(n.slice('kwok-node-'.length))),
    remove: existingOwned.filter((n) => !wanted.has(n)).sort(),
  };
}

export function validatePool(pool: NodePoolSpec): void {
  const positive = (name: string, v: number) => {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`${name} must be a positive integer, got ${v}`);
  };
  if (!Number.isInteger(pool.count) || pool.count < 0 || pool.count > 9999) {
    throw new RangeError(`node count must be an integer from 0 to 9999, got ${pool.count}`);
  }
  positive('hosts per rack', pool.topology.hostsPerRack);
  positive('racks per block', pool.topology.racksPerBlock);
  positive('blocks per zone', pool.topology.blocksPerZone);
  if (!Number.isInteger(pool.capacity.gpus) || pool.capacity.gpus < 0) {
    throw new RangeError(`GPUs per node must be a non-negative integer, got ${pool.capacity.gpus}`);
  }
}
