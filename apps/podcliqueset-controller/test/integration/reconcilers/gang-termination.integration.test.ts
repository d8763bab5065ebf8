/**
 * Gang termination at PodCliqueSet-replica level (grove-spec §4.1, §4.2, §4.4, e2e GT-1/GT-3):
 * pods run on KWOK nodes owned by the test, which it cordons so replacements stay Pending.
 */
import type { V1Pod } from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import { PodCliqueGVK } from '@grove/api';
import { aPodCliqueSet } from '@grove/fixtures';
import { adminKubeConfig, createDedicatedNodes, eventually, type DedicatedNodes } from '@grove/testing';
import { useReconcilers } from '../support/reconcilers.js';

const WAIT = { timeoutMs: 60_000, intervalMs: 500 };
const uids = (pods: readonly V1Pod[]) => pods.map((p) => p.metadata?.uid ?? '');
const scheduled = (pod: V1Pod) => pod.status?.conditions?.some((c) => c.type === 'PodScheduled' && c.status === 'True') ?? false;

describe('reconcilers: gang termination', () => {
  const h = useReconcilers('gang');
  let nodes: DedicatedNodes | undefined;
  afterEach(async () => {
    await nodes?.remove();
    nodes = undefined;
  });

  async function deploy(name: string, minAvailable: number) {
    nodes = await createDedicatedNodes(adminKubeConfig(), h().namespace, 2);
    const container = { name: 'w', image: 'busybox', resources: { requests: { cpu: '1m', memory: '1Mi' } } };
    const pcs = aPodCliqueSet(name)
      .clique('leader', { replicas: 1, minAvailable: 1, podSpec: { containers: [container], ...nodes.podPlacement } })
      .clique('worker', { replicas: 2, minAvailable, podSpec: { containers: [container], ...nodes.podPlacement } })
      .with({ terminationDelay: '4s' })
      .build();
    await h().apply(pcs);
    const pods = await eventually(async () => {
      const pods = await h().pods();
      expect(pods.filter(scheduled)).toHaveLength(3);
      // The "ever scheduled" gate needs PodCliqueScheduled True before any loss counts (§4.1).
      const worker = await h().grove.get(PodCliqueGVK, { namespace: h().namespace, name: `${name}-0-worker` });
      expect(worker.status?.conditions?.find((c) => c.type === 'PodCliqueScheduled')?.status).toBe('True');
      return pods;
    }, WAIT);
    // A loss within 5 s of a PodClique's creation is start-up churn, never a breach (§4.1): age them first.
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    return pods;
  }

  it('a breach that outlives terminationDelay recreates every pod of the replica', async () => {
    const { core, namespace, step } = h();
    const before = await deploy('gt', 2);
    step('cordon the nodes and delete one worker pod: its replacement stays Pending, the worker clique is breached');
    await nodes?.cordon(true);
    const victim = before.find((p) => p.metadata?.labels?.['grove.io/podclique'] === 'gt-0-worker');
    await core.deleteNamespacedPod({ namespace, name: victim?.metadata?.name ?? '' });
    await eventually(async () => {
      const worker = await h().grove.get(PodCliqueGVK, { namespace, name: 'gt-0-worker' });
      expect(worker.status?.conditions?.find((c) => c.type === 'MinAvailableBreached')).toMatchObject({ status: 'True', reason: 'ScheduledReplicasBelowMinAvailable' });
    }, WAIT);
    step('after the 4 s delay every PodClique of the replica is deleted and recreated: no pod of before survives');
    await eventually(async () => {
      const now = await h().pods();
      expect(now).toHaveLength(3);
      expect(uids(now).filter((uid) => uids(before).includes(uid))).toEqual([]);
    }, WAIT);
    step('uncordon: the fresh gang comes up');
    await nodes?.cordon(false);
    await eventually(async () => expect((await h().pods()).filter(scheduled)).toHaveLength(3), WAIT);
  });

  it('a loss within minAvailable never terminates the gang', async () => {
    const { core, namespace, step } = h();
    const before = await deploy('gt', 1);
    step('cordon and delete one of the two workers (minAvailable 1): no breach');
    await nodes?.cordon(true);
    const workers = before.filter((p) => p.metadata?.labels?.['grove.io/podclique'] === 'gt-0-worker');
    await core.deleteNamespacedPod({ namespace, name: workers[0]?.metadata?.name ?? '' });
    step('wait well past the delay (10 s): the leader and the other worker keep running');
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    const now = await h().pods();
    expect(uids(now)).toEqual(expect.arrayContaining([workers[1]?.metadata?.uid, before.find((p) => p.metadata?.labels?.['grove.io/podclique'] === 'gt-0-leader')?.metadata?.uid]));
    const worker = await h().grove.get(PodCliqueGVK, { namespace, name: 'gt-0-worker' });
    expect(worker.status?.conditions?.find((c) => c.type === 'MinAvailableBreached')?.status).toBe('False');
  });
});
