/**
 * What "all or nothing" guarantees when a pod of a gang is deleted while the gang is being bound
 * (docs/scheduler.md): the bindings already made stay (Kubernetes cannot unbind), the deleted pod's
 * reservation is released, and the replacement pod is placed without over-committing a node. One
 * binding at a time here, so the deletion lands in the middle of the gang's bindings.
 */
import { randomBytes } from 'node:crypto';
import { Watch, type V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { PodGangGVK } from '@grove/api';
import { adminKubeConfig, createDedicatedNodes, eventually, useTestNamespace } from '@grove/testing';
import { clusterGangs } from '../support/cluster-gangs.js';
import { useScheduler } from '../support/in-process.js';

const WAIT = { timeoutMs: 90_000, intervalMs: 500 };
const kc = adminKubeConfig();
const GANG = 'mid';
const SIZE = 24;

/** Resolves on the first pod of the namespace that gets a node. */
async function firstBinding(namespace: string): Promise<() => void> {
  let resolve: () => void = () => undefined;
  const bound = new Promise<void>((r) => (resolve = r));
  const request = await new Watch(kc).watch(`/api/v1/namespaces/${namespace}/pods`, {}, (_type, pod: V1Pod) => {
    if (pod.spec?.nodeName) resolve();
  }, () => undefined);
  await bound;
  return () => request.abort();
}

describe('podgang-scheduler: a pod deleted mid-bind', () => {
  const scheduler = useScheduler({ bindConcurrency: 1 });
  const ns = useTestNamespace(() => kc, 'midbind');
  const { core, grove, createGang, createPod, pods } = clusterGangs(kc, ns, () => scheduler().schedulerName);

  it('keeps the bindings made, releases the deleted pod, and places its replacement within capacity', async () => {
    const nodes = await createDedicatedNodes(kc, `midbind-${randomBytes(3).toString('hex')}`, 3);
    try {
      const watching = firstBinding(ns());
      const names = await createGang(GANG, SIZE, 1, nodes);
      const victim = names[SIZE - 1] ?? '';

      // The gang's pods are bound one after another: delete the last one after the first is bound.
      const stopWatching = await watching;
      stopWatching();
      await core.deleteNamespacedPod({ namespace: ns(), name: victim, gracePeriodSeconds: 0 });

      const others = names.slice(0, SIZE - 1);
      await eventually(async () => expect((await pods(others)).filter((p) => p.spec?.nodeName).length, 'bound pods besides the deleted one').toBe(SIZE - 1), WAIT);
      const failed = await scheduler().registry.getSingleMetricAsString('grove_scheduler_bind_duration_seconds');
      expect(failed, 'the scheduler tried to bind the deleted pod (the deletion was mid-bind)').toMatch(/grove_scheduler_bind_duration_seconds_count\{result="failed"\} [1-9]/);
      // 23 of 24 minimum pods: the gang is no longer complete.
      await eventually(async () => expect((await grove.get(PodGangGVK, { namespace: ns(), name: GANG })).status?.phase).not.toBe('Running'), WAIT);

      await createPod(victim, GANG, 1, nodes);
      const all = await eventually(async () => {
        const now = await pods(names);
        expect(now.filter((p) => nodes.names.includes(p.spec?.nodeName ?? '')).length, 'bound pods after the replacement').toBe(SIZE);
        return now;
      }, WAIT);
      const perNode = new Map<string, number>();
      for (const pod of all) perNode.set(pod.spec?.nodeName ?? '', (perNode.get(pod.spec?.nodeName ?? '') ?? 0) + 1);
      expect(Math.max(...perNode.values()), `GPUs per node: ${JSON.stringify(Object.fromEntries(perNode))}`).toBeLessThanOrEqual(8);
      await eventually(async () => expect((await grove.get(PodGangGVK, { namespace: ns(), name: GANG })).status?.phase).toBe('Running'), WAIT);
    } finally {
      await nodes.remove();
    }
  });
});
