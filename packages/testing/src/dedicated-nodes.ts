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

function manifest(name: string, pool: string): V1Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      // KWOK manages (heartbeats, runs pods of) nodes carrying this annotation.
      annotations: { 'kwok.x-k8s.io/node': 'fake' },
      labels: { type: 'kwok', [TEST_POOL_KEY]: pool, 'kubernetes.io/hostname': name },
    },
    spec: { taints: [{ key: TEST_POOL_KEY, value: pool, effect: 'NoSchedule' }] },
    status: {
      allocatable: { cpu: '32', memory: '256Gi', pods: '110', 'nvidia.com/gpu': '8' },
      capacity: { cpu: '32', memory: '256Gi', pods: '110', 'nvidia.com/gpu': '8' },
    },
  };
}

export async function createDedicatedNodes(kc: KubeConfig, pool: string, count: number): Promise<DedicatedNodes> {
  const core = kc.makeApiClient(CoreV1Api);
  const names = Array.from({ length: count }, (_, i) => `${pool}-${i}`);
  await Promise.all(names.map((name) => core.createNode({ body: manifest(name, pool) })));
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
