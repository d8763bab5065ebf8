/** The local cluster schedules pods onto KWOK nodes and KWOK runs them. */
import { CoreV1Api, type V1Pod } from '@kubernetes/client-node';
import { GPU_RESOURCE, nodeName } from '@grove/cluster';
import { adminKubeConfig, eventually, useTestNamespace } from '@grove/testing';
import { describe, expect, it } from 'vitest';

const kc = adminKubeConfig();
const core = kc.makeApiClient(CoreV1Api);

function podOn(node: string, name: string): V1Pod {
  return {
    metadata: { name },
    spec: {
      nodeSelector: { 'kubernetes.io/hostname': node },
      containers: [{ name: 'main', image: 'registry.invalid/worker:1', resources: { requests: { [GPU_RESOURCE]: '2', cpu: '1' }, limits: { [GPU_RESOURCE]: '2' } } }],
    },
  };
}

describe('pods on KWOK nodes', () => {
  const ns = useTestNamespace(() => kc, 'pods');

  it('exposes KWOK nodes as Ready with GPU capacity and topology labels', async () => {
    const node = await core.readNode({ name: nodeName(0) });
    expect(node.status?.allocatable?.[GPU_RESOURCE]).toBe('8');
    expect(node.metadata?.labels?.['topology.grove.io/rack']).toBe('z0-b0-r0');
    expect(node.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
  });

  it('binds a pod with a nodeSelector through kube-scheduler, and KWOK makes it Running and Ready', async () => {
    await core.createNamespacedPod({ namespace: ns(), body: podOn(nodeName(1), 'worker') });
    const pod = await eventually(async () => {
      const p = await core.readNamespacedPod({ namespace: ns(), name: 'worker' });
      expect(p.spec?.nodeName).toBe(nodeName(1));
      expect(p.status?.phase).toBe('Running');
      expect(p.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
      return p;
    });
    expect(pod.status?.podIP).toMatch(/^10\.244\./);
  });

  it('leaves a pod Pending when no node has the GPUs it asks for', async () => {
    const greedy = podOn(nodeName(2), 'greedy');
    const container = greedy.spec?.containers[0];
    if (container?.resources) container.resources = { requests: { [GPU_RESOURCE]: '9' }, limits: { [GPU_RESOURCE]: '9' } };
    await core.createNamespacedPod({ namespace: ns(), body: greedy });
    await eventually(async () => {
      const p = await core.readNamespacedPod({ namespace: ns(), name: 'greedy' });
      const scheduled = p.status?.conditions?.find((c) => c.type === 'PodScheduled');
      expect(scheduled?.reason).toBe('Unschedulable');
      expect(scheduled?.message).toContain(GPU_RESOURCE);
    });
  });
});
