import { describe, expect, it } from 'vitest';
import type { V1Pod } from '@kubernetes/client-node';
import { aNode, aPod } from '../../test/support/builders.js';
import { slimNode, slimPod } from './slim.js';
import { toPodRequest } from './pod-request.js';

describe('slim transforms', () => {
  const full: V1Pod = {
    ...aPod('p', { gang: 'g', clique: 'c', nodeSelector: { rack: 'r1' }, tolerations: [{ key: 't', operator: 'Exists' }] }),
    metadata: { ...aPod('p', { gang: 'g', clique: 'c' }).metadata, annotations: { big: 'x'.repeat(1000) }, managedFields: [{ manager: 'kubectl' }] },
  };
  full.spec?.containers.push({ name: 'side', image: 'img', env: [{ name: 'A', value: 'b' }], ports: [{ containerPort: 80 }, { containerPort: 81, hostPort: 81 }] });

  it('keeps what placement reads for our pods', () => {
    const slim = slimPod(full, 'gang');
    expect(toPodRequest(slim)).toEqual(toPodRequest(full));
    expect(slim.metadata).toEqual({ name: 'p', namespace: 'ns', uid: 'uid-p', creationTimestamp: full.metadata?.creationTimestamp, labels: { 'grove.io/podgang': 'g', 'grove.io/podclique': 'c' } });
    expect(slim.spec?.containers[1]).toEqual({ name: 'side', ports: [{ containerPort: 81, hostPort: 81 }] });
  });

  it('keeps only booking fields for other schedulers’ pods', () => {
    const slim = slimPod({ ...full, spec: { ...(full.spec as NonNullable<V1Pod['spec']>), schedulerName: 'default-scheduler', nodeName: 'n1' } }, 'gang');
    expect(slim.spec).toEqual({
      schedulerName: 'default-scheduler',
      nodeName: 'n1',
      containers: [{ name: 'main', resources: { requests: { cpu: '1', 'nvidia.com/gpu': '1' } } }, { name: 'side' }],
    });
    expect(slim.status).toEqual({ phase: 'Pending' });
  });

  it('keeps a node’s labels, taints, cordon, allocatable and Ready', () => {
    const node = aNode('n1', { unschedulable: true, taints: [{ key: 't', effect: 'NoSchedule' }] });
    node.status?.conditions?.push({ type: 'MemoryPressure', status: 'False', lastHeartbeatTime: new Date() });
    expect(slimNode(node)).toEqual({
      metadata: { name: 'n1', resourceVersion: '1', labels: { 'kubernetes.io/hostname': 'n1' } },
      spec: { unschedulable: true, taints: [{ key: 't', effect: 'NoSchedule' }] },
      status: { allocatable: node.status?.allocatable, conditions: [{ type: 'Ready', status: 'True' }] },
    });
  });
});
