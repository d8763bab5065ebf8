/** Fixture builders for placement tests and the micro-benchmark (not part of the library build). */
import type { GangRequest, NodeInfo, PackConstraint, PodGroupRequest, PodRequest, Resources, Taint, Toleration } from './model.js';
import { ClusterSnapshot } from './snapshot.js';

export const ZONE = 'topology.kubernetes.io/zone';
export const BLOCK = 'topology.grove.io/block';
export const RACK = 'topology.grove.io/rack';
export const HOST = 'kubernetes.io/hostname';
export const GPU = 'nvidia.com/gpu';

export interface NodeOptions {
  readonly labels?: Readonly<Record<string, string>>;
  readonly gpus?: number;
  readonly cpu?: number;
  readonly memory?: number;
  readonly pods?: number;
  readonly taints?: readonly Taint[];
  readonly unschedulable?: boolean;
  readonly ready?: boolean;
}

export function aNode(name: string, options: NodeOptions = {}): NodeInfo {
  const allocatable: Record<string, number> = {
    cpu: options.cpu ?? 64_000,
    memory: options.memory ?? 512 * 2 ** 30,
    pods: options.pods ?? 110,
  };
  if ((options.gpus ?? 8) > 0) allocatable[GPU] = options.gpus ?? 8;
  return {
    name,
    labels: { [HOST]: name, ...options.labels },
    allocatable,
    taints: options.taints ?? [],
    unschedulable: options.unschedulable ?? false,
    ready: options.ready ?? true,
  };
}

export interface ClusterShape {
  readonly zones?: number;
  readonly blocks: number;
  readonly racks: number;
  readonly hosts: number;
  readonly node?: NodeOptions;
}

/** Nodes named `z0-b1-r2-h3`, labelled with zone, block, rack and hostname (values are the prefixes). */
export function topologyNodes(shape: ClusterShape): NodeInfo[] {
  const out: NodeInfo[] = [];
  for (let z = 0; z < (shape.zones ?? 1); z++) {
    for (let b = 0; b < shape.blocks; b++) {
      for (let r = 0; r < shape.racks; r++) {
        for (let h = 0; h < shape.hosts; h++) {
          const [zone, block, rack] = [`z${z}`, `z${z}-b${b}`, `z${z}-b${b}-r${r}`];
          const labels = { ...shape.node?.labels, [ZONE]: zone, [BLOCK]: block, [RACK]: rack };
          out.push(aNode(`${rack}-h${h}`, { ...shape.node, labels }));
        }
      }
    }
  }
  return out;
}

export function snapshotOf(nodes: readonly NodeInfo[]): ClusterSnapshot {
  const snapshot = new ClusterSnapshot();
  for (const node of nodes) snapshot.upsertNode(node);
  return snapshot;
}

export interface PodOptions {
  readonly nodeSelector?: Readonly<Record<string, string>>;
  readonly requiredNodeAffinity?: PodRequest['requiredNodeAffinity'];
  readonly tolerations?: readonly Toleration[];
  readonly unsupported?: string;
}

export function aPod(key: string, requests: Resources, options: PodOptions = {}): PodRequest {
  return {
    key,
    requests,
    nodeSelector: options.nodeSelector ?? {},
    tolerations: options.tolerations ?? [],
    ...(options.requiredNodeAffinity ? { requiredNodeAffinity: options.requiredNodeAffinity } : {}),
    ...(options.unsupported !== undefined ? { unsupported: options.unsupported } : {}),
  };
}

export interface GroupOptions {
  readonly minReplicas?: number;
  readonly boundNodes?: readonly string[];
  readonly pack?: PackConstraint;
  readonly pod?: PodOptions;
}

/** A podgroup of `count` pending pods `<name>-<i>` requesting `requests` each. */
export function aGroup(name: string, count: number, requests: Resources, options: GroupOptions = {}): PodGroupRequest {
  const pending = Array.from({ length: count }, (_, i) => aPod(`ns/${name}-${i}`, requests, options.pod));
  return {
    name,
    minReplicas: options.minReplicas ?? count + (options.boundNodes?.length ?? 0),
    pending,
    boundNodes: options.boundNodes ?? [],
    ...(options.pack ? { pack: options.pack } : {}),
  };
}

export function aGang(key: string, groups: readonly PodGroupRequest[], extra: Partial<Pick<GangRequest, 'pack' | 'topologyGroups'>> = {}): GangRequest {
  return { key, groups, topologyGroups: extra.topologyGroups ?? [], ...(extra.pack ? { pack: extra.pack } : {}) };
}

