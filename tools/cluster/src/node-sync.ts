/** Makes exactly the wanted KWOK nodes exist, and waits until KWOK reports them Ready. */
import { CoreV1Api, type KubeConfig, type V1Node } from '@kubernetes/client-node';
import { setTimeout as sleep } from 'node:timers/promises';
import { ClusterError } from './errors.js';
import { nodeDiff, nodeManifest, type NodePoolSpec, OWNED_NODE_LABEL } from './nodes.js';
import type { Progress } from './progress.js';

const CONCURRENCY = 16;

async function inBatches<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += CONCURRENCY) {
    await Promise.all(items.slice(i, i + CONCURRENCY).map(work));
  }
}

function isReady(node: V1Node): boolean {
  return node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

async function createNode(api: CoreV1Api, body: V1Node): Promise<void> {
  const created = await api.createNode({ body });
  // The API server may drop status on create; capacity is what the schedulers read, so make sure.
  if (!created.status?.capacity || Object.keys(created.status.capacity).length === 0) {
    await api.replaceNodeStatus({ name: body.metadata?.name as string, body: { ...created, status: body.status ?? {} } });
  }
}

export async function syncNodes(kubeconfig: KubeConfig, pool: NodePoolSpec, progress: Progress): Promise<void> {
  const api = kubeconfig.makeApiClient(CoreV1Api);
  const owned = await api.listNode({ labelSelector: `${OWNED_NODE_LABEL}=true` });
  const names = owned.items.map((n) => n.metadata?.name ?? '').filter(Boolean);
  const diff = nodeDiff(names, pool.count);
  if (diff.create.length > 0) {
    progress(`creating ${diff.create.length} KWOK nodes`);
    await inBatches(diff.create, (index) => createNode(api, nodeManifest(index, pool)));
  }
  if (diff.remove.length > 0) {
    progress(`deleting ${diff.remove.length} KWOK nodes beyond the wanted ${pool.count}`);
    await inBatches(diff.remove, async (name) => {
      await api.deleteNode({ name });
    });
  }
}

export async function waitNodesReady(
  kubeconfig: KubeConfig,
  count: number,
  timeoutMs: number,
  progress: Progress,
): Promise<void> {
  const api = kubeconfig.makeApiClient(CoreV1Api);
  const deadline = Date.now() + timeoutMs;
  let ready = 0;
  while (Date.now() < deadline) {
    const nodes = await api.listNode({ labelSelector: `${OWNED_NODE_LABEL}=true` });
    ready = nodes.items.filter(isReady).length;
    if (ready >= count) {
      progress(`${ready} KWOK nodes Ready`);
      return;
    }
    await sleep(250);
  }
  throw new ClusterError('kwok', `only ${ready} of ${count} nodes became Ready within ${timeoutMs / 1000}s`);
}
