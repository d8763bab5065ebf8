/**
 * The podgang-scheduler in-process against the shared cluster: PodGangs and pods created by the
 * test (no Grove controllers), on KWOK nodes the test owns (tainted and labelled with its pool, so
 * its pods land nowhere else and nobody else's land there).
 */
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { PodGangGVK } from '@grove/api';
import { adminKubeConfig, createDedicatedNodes, eventually, useTestNamespace, type DedicatedNodes } from '@grove/testing';
import { clusterGangs } from '../support/cluster-gangs.js';
import { useScheduler } from '../support/in-process.js';

const WAIT = { timeoutMs: 60_000, intervalMs: 300 };
const kc = adminKubeConfig();

describe('podgang-scheduler', () => {
  const scheduler = useScheduler();
  const ns = useTestNamespace(() => kc, 'sched');
  const { core, grove, testPod, createGang, pods } = clusterGangs(kc, ns, () => scheduler().schedulerName);
  let nodes: DedicatedNodes | undefined;
  afterEach(async () => {
    await nodes?.remove();
    nodes = undefined;
  });

  async function pool(count: number): Promise<DedicatedNodes> {
    nodes = await createDedicatedNodes(kc, `sched-${randomBytes(3).toString('hex')}`, count);
    return nodes;
  }

  const scheduledCondition = async (name: string) => (await grove.get(PodGangGVK, { namespace: ns(), name })).status?.conditions?.find((c) => c.type === 'Scheduled');

  it('binds a gang of 3 together, on the pool, and reports Scheduled, events and phase', async () => {
    const placement = await pool(2);
    const names = await createGang('trio', 3, 4, placement);
    const bound = await eventually(async () => {
      const now = await pods(names);
      expect(now.map((p) => p.spec?.nodeName).every((n) => n !== undefined && placement.names.includes(n))).toBe(true);
      return now;
    }, WAIT);
    // 3 × 4 GPUs on two 8-GPU nodes: packed, never over-committed.
    const perNode = new Map<string, number>();
    for (const pod of bound) perNode.set(pod.spec?.nodeName ?? '', (perNode.get(pod.spec?.nodeName ?? '') ?? 0) + 4);
    expect(Math.max(...perNode.values())).toBeLessThanOrEqual(8);
    await eventually(async () => expect(await scheduledCondition('trio')).toMatchObject({ status: 'True', reason: 'Scheduled' }), WAIT);
    await eventually(async () => expect((await grove.get(PodGangGVK, { namespace: ns(), name: 'trio' })).status?.phase).toBe('Running'), WAIT);
    const events = await core.listNamespacedEvent({ namespace: ns(), fieldSelector: `involvedObject.name=trio-0,reason=Scheduled` });
    expect(events.items[0]?.message).toBe(`Successfully assigned ${ns()}/trio-0 to ${bound[0]?.spec?.nodeName}`);
  });

  it('keeps a gang that does not fit Pending and whole, says why, and binds it when a node is uncordoned', async () => {
    const placement = await pool(2);
    await placement.cordon(true);
    const names = await createGang('big', 3, 4, placement);
    const condition = await eventually(async () => {
      const c = await scheduledCondition('big');
      expect(c).toMatchObject({ status: 'False', reason: 'Unschedulable' });
      return c;
    }, WAIT);
    expect(condition?.message.length).toBeGreaterThan(0);
    await eventually(async () => {
      for (const pod of await pods(names)) {
        expect(pod.status?.conditions?.find((c) => c.type === 'PodScheduled')).toMatchObject({ status: 'False', reason: 'Unschedulable', message: condition?.message });
      }
    }, WAIT);
    expect((await pods(names)).map((p) => p.spec?.nodeName)).toEqual([undefined, undefined, undefined]);
    expect((await grove.get(PodGangGVK, { namespace: ns(), name: 'big' })).status?.phase).toBe('Pending');

    await placement.cordon(false);
    await eventually(async () => expect((await pods(names)).every((p) => placement.names.includes(p.spec?.nodeName ?? ''))).toBe(true), WAIT);
    await eventually(async () => expect(await scheduledCondition('big')).toMatchObject({ status: 'True' }), WAIT);
  });

  it('places a pod without a PodGang, and leaves pods of another scheduler name alone', async () => {
    const placement = await pool(1);
    const other = `other-scheduler-${randomBytes(3).toString('hex')}`;
    await core.createNamespacedPod({ namespace: ns(), body: testPod('theirs', placement, { gpus: 1, scheduler: other }) });
    await core.createNamespacedPod({ namespace: ns(), body: testPod('solo', placement, { gpus: 1 }) });
    await eventually(async () => expect((await core.readNamespacedPod({ namespace: ns(), name: 'solo' })).spec?.nodeName).toBe(placement.names[0]), WAIT);
    // The scheduler has seen both pods (it bound the later one): the other scheduler's is untouched.
    const theirs = await core.readNamespacedPod({ namespace: ns(), name: 'theirs' });
    expect(theirs.spec?.nodeName).toBeUndefined();
    expect(theirs.status?.conditions?.find((c) => c.type === 'PodScheduled')).toBeUndefined();
    const metrics = await scheduler().registry.getSingleMetricAsString('grove_scheduler_attempts_total');
    expect(metrics).toMatch(/grove_scheduler_attempts_total\{result="scheduled"\} [1-9]/);
  });
});
