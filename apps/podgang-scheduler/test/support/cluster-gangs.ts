/**
 * PodGangs and their pods created straight on the cluster (as the podcliqueset-controller would),
 * for the scheduler's integration tests: one group per gang, pods pinned to the test's node pool.
 */
import { CoreV1Api, type KubeConfig, type V1Pod } from '@kubernetes/client-node';
import { createGroveClient, PodGangGVK, type PodGang } from '@grove/api';
import type { DedicatedNodes } from '@grove/testing';
import { aPod, aPodGang } from './builders.js';

export interface PodOptions {
  readonly gang?: string;
  readonly clique?: string;
  readonly gpus: number;
  readonly scheduler?: string;
}

export function clusterGangs(kc: KubeConfig, namespace: () => string, schedulerName: () => string) {
  const core = kc.makeApiClient(CoreV1Api);
  const grove = createGroveClient(kc);

  function testPod(name: string, placement: DedicatedNodes, o: PodOptions): V1Pod {
    const pod = aPod(name, { namespace: namespace(), scheduler: o.scheduler ?? schedulerName(), ...(o.gang && { gang: o.gang }), ...(o.clique && { clique: o.clique }), requests: { cpu: '100m', 'nvidia.com/gpu': String(o.gpus) }, ...placement.podPlacement });
    const { uid: _uid, creationTimestamp: _created, ...metadata } = pod.metadata ?? {};
    // Extended resources need limits equal to requests.
    const containers = (pod.spec?.containers ?? []).map((c) => ({ ...c, resources: { ...c.resources, limits: { 'nvidia.com/gpu': String(o.gpus) } } }));
    return { ...pod, metadata, spec: { ...(pod.spec as NonNullable<V1Pod['spec']>), containers }, status: {} };
  }

  /** A PodGang of one group of `count` pods asking `gpus` GPUs each, and its pods; returns the pod names. */
  async function createGang(name: string, count: number, gpus: number, placement: DedicatedNodes): Promise<string[]> {
    const podNames = Array.from({ length: count }, (_, i) => `${name}-${i}`);
    const { apiVersion: _a, kind: _k, ...gang } = aPodGang(name, [{ name: `${name}-workers`, min: count, pods: podNames }], { namespace: namespace() });
    await grove.create(PodGangGVK, { ...gang, metadata: { name, namespace: namespace() } } as PodGang);
    for (const podName of podNames) await createPod(podName, name, gpus, placement);
    return podNames;
  }

  /** (Re)creates pod `podName` of gang `gang`, as the PodClique controller replaces a lost pod. */
  async function createPod(podName: string, gang: string, gpus: number, placement: DedicatedNodes): Promise<void> {
    await core.createNamespacedPod({ namespace: namespace(), body: testPod(podName, placement, { gang, clique: `${gang}-workers`, gpus }) });
  }

  async function pods(names: readonly string[]): Promise<V1Pod[]> {
    return Promise.all(names.map((name) => core.readNamespacedPod({ namespace: namespace(), name })));
  }

  return { core, grove, testPod, createGang, createPod, pods };
}
