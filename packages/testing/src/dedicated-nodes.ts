/**
 * KWOK nodes owned by one test: labelled and tainted with the test's pool name, so only that
 * test's pods (which select and tolerate the pool) land on them, and the test may cordon them
 * without disturbing any other suite on the shared cluster.
 */
import { CoreV1Api, PatchStrategy, setHeaderOptions, type KubeConfig, type V1Node, type V1Toleration } from '@kubernetes/client-node';

export const TEST_POOL_KEY = 'grove.io/test-node-pool';

export interface DedicatedNodes {
  readonly pool: string;
  readonly names: readonly string[];
  /** nodeSelector + toleration for a pod spec that must run on these nodes only. */
  readonly podPlacement: { nodeSelector: Record<string, string>; tolerations: V1Toleration[] };
  cordon(unschedulable: boolean): Promise<void>;
  remove(): Promise<void>;
}

export interface DedicatedNodeOptions {
  /** Extra labels of node `index` (0-based), e.g. topology labels for placement tests. */
  readonly labels?: (index: number) => Record<string, string>;
  /** Capacity and allocatable; default 32 CPU, 256Gi, 110 pods, 8 nvidia.com/gpu. */
  readonly resources?: Record<string, string>;
}

const DEFAULT_RESOURCES = { cpu: '32', memory: '256Gi', pods: '110', 'nvidia.com/gpu': '8' };

function manifest(name: string, pool: string, labels: Record<string, string>, resources: Record<string, string>): V1Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      // KWOK manages (heartbeats, runs pods of) nodes carrying this annotation.
      annotations: { 'kwok.x-k8s.io/node': 'fake' },
      labels: { ...labels, type: 'kwok', [TEST_POOL_KEY]: pool, 'kubernetes.io/hostname': name },
    },
    spec: { taints: [{ key: TEST_POOL_KEY, value: pool, effect: 'NoSchedule' }] },
    status: { allocatable: resources, capacity: resources },
  };
}

export async function createDedicatedNodes(kc: KubeConfig, pool: string, count: number, options: DedicatedNodeOptions = {}): Promise<DedicatedNodes> {
  const core = kc.makeApiClient(CoreV1Api);
  const names = Array.from({ length: count }, (_, i) => `${pool}-${i}`);
  const resources = options.resources ?? DEFAULT_RESOURCES;
  await Promise.all(names.map((name, i) => core.createNode({ body: manifest(name, pool, options.labels?.(i) ?? {}, resources) })));
  return {
    pool,
    names,
    podPlacement: {
      nodeSelector: { [TEST_POOL_KEY]: pool },
      tolerations: [{ key: TEST_POOL_KEY, operator: 'Equal', value: pool, effect: 'NoSchedule' }],
    },
    async cordon(unschedulable) {
      await Promise.all(
        names.map((name) => core.patchNode({ name, body: { spec: { unschedulable } } }, setHeaderOptions('Content-Type', PatchStrategy.MergePatch))),
      );
    },
    async remove() {
      await Promise.all(names.map((name) => core.deleteNode({ name }).catch(() => undefined)));
    },
  };
}
