/**
 * The podgang-scheduler with both Grove controllers, all as processes with their declared RBAC
 * (grove-spec §10.1). Every pod asks for a whole node's 8 GPUs and may only run on the test's own
 * KWOK nodes, so the number of open (uncordoned) nodes decides exactly how many pods fit.
 *
 * WL1: pc-a 2/2, sg-x (replicas 2, minAvailable 2) of pc-b 1/1 and pc-c 3/3: one gang of 10 pods.
 * WL2: pc-a 2/1, sg-x (replicas 2, minAvailable 1) of pc-b 1/1 and pc-c 3/1: a base gang whose
 * minimum is 3 pods (pc-a ×1, sg-x-0 pc-b ×1, sg-x-0 pc-c ×1) and a scaled gang for sg-x replica 1.
 */
import { PodCliqueSetGVK, type PodCliqueSet } from '@grove/api';
import { aPodCliqueSet } from '@grove/fixtures';
import { createDedicatedNodes, type DedicatedNodes } from '@grove/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { boundPerClique, boundPods, gpuPodSpec, podsOfGang, SCHEDULE_TIMEOUT_MS, setUnschedulable, waitBound, waitScheduled, waitUnschedulable } from './support/gang-census.js';
import { eventuallyUnlessDenied, useGroveControllers } from './support/grove-suite.js';
import { scenario, SCENARIO_TIMEOUT_MS } from './support/steps.js';
import { waitForReadyPods } from './support/workloads.js';

function workload(name: string, namespace: string, nodes: DedicatedNodes, minimal: boolean): PodCliqueSet {
  const podSpec = gpuPodSpec(nodes);
  const pcs = aPodCliqueSet(name)
    .clique('pc-a', { replicas: 2, minAvailable: minimal ? 1 : 2, podSpec })
    .clique('pc-b', { replicas: 1, minAvailable: 1, podSpec })
    .clique('pc-c', { replicas: 3, minAvailable: minimal ? 1 : 3, podSpec })
    .scalingGroup('sg-x', ['pc-b', 'pc-c'], { replicas: 2, minAvailable: minimal ? 1 : 2 })
    .build();
  return { ...pcs, metadata: { ...pcs.metadata, namespace } };
}

describe('podgang-scheduler: gang scheduling (§10.1)', () => {
  const env = useGroveControllers('gang-sched', { scheduler: true });
  let nodes: DedicatedNodes | undefined;

  afterEach(async () => {
    await nodes?.remove();
    nodes = undefined;
  });

  it('GS-1 keeps the whole 10-pod gang Pending while one node is missing, then places it at once', async (ctx) => {
    const step = scenario(ctx, 'GS-1');
    const { namespace, grove, core } = env();
    nodes = await createDedicatedNodes(env().kc, `${namespace}-gs1`, 10);

    step('cordon 1 of 10 nodes; apply WL1 (one gang, minimum 10 pods)');
    await setUnschedulable(core, nodes.names.slice(0, 1), true);
    await grove.create(PodCliqueSetGVK, workload('wl1', namespace, nodes, false));

    step('the gang is unschedulable with a message, and not one pod is bound');
    const condition = await waitUnschedulable(env(), 'wl1-0');
    expect(condition.reason).toBe('Unschedulable');
    expect(condition.message, 'the message says what is missing').toMatch(/nvidia\.com\/gpu|cordon|unschedulable/i);
    expect((await boundPods(env(), 'wl1')).length, 'bound pods of an unschedulable gang').toBe(0);
    const pod = (await podsOfGang(env(), 'wl1-0'))[0];
    expect(pod?.status?.conditions?.find((c) => c.type === 'PodScheduled'), 'PodScheduled of a pod of the gang').toMatchObject({ status: 'False', reason: 'Unschedulable' });

    step('uncordon: all 10 pods are bound, Running and Ready; the gang is Scheduled');
    await setUnschedulable(core, nodes.names.slice(0, 1), false);
    const pods = await waitForReadyPods(env(), 'wl1', 10);
    expect(new Set(pods.map((p) => p.spec?.nodeName)).size, 'one pod per node').toBe(10);
    const gang = await waitScheduled(env(), 'wl1-0');
    expect(['Starting', 'Running']).toContain(gang.status?.phase);
  }, SCENARIO_TIMEOUT_MS);

  it('GS-5 releases exactly the base gang minimum first, then the rest and the scaled gang', async (ctx) => {
    const step = scenario(ctx, 'GS-5');
    const { namespace, grove, core } = env();
    nodes = await createDedicatedNodes(env().kc, `${namespace}-gs5`, 10);
    const [first, second, third, ...rest] = nodes.names;
    if (!first || !second || !third) throw new Error('expected 10 nodes');

    step('cordon 8 of 10 nodes; apply WL2 (base gang minimum: 3 pods)');
    await setUnschedulable(core, [third, ...rest], true);
    await grove.create(PodCliqueSetGVK, workload('wl2', namespace, nodes, true));

    step('2 open nodes cannot hold the minimum of 3: nothing is bound');
    await waitUnschedulable(env(), 'wl2-0');
    expect((await boundPods(env(), 'wl2')).length).toBe(0);

    step('uncordon 1 → exactly the 3 minimum pods: pc-a ×1, sg-x-0 pc-b ×1, sg-x-0 pc-c ×1');
    await setUnschedulable(core, [third], false);
    const minimum = await waitBound(env(), 'wl2', 3);
    expect(boundPerClique(minimum)).toEqual({ 'wl2-0-pc-a': 1, 'wl2-0-sg-x-0-pc-b': 1, 'wl2-0-sg-x-0-pc-c': 1 });

    step('uncordon the other 7 → all 10 pods, including the scaled gang wl2-0-sg-x-0, Running and Ready');
    await setUnschedulable(core, rest, false);
    await waitForReadyPods(env(), 'wl2', 10);
    await waitScheduled(env(), 'wl2-0-sg-x-0');
  }, SCENARIO_TIMEOUT_MS);

  it('over-subscription (150 %) never leaves a partial gang and does not deadlock', async (ctx) => {
    const step = scenario(ctx, '150 % over-subscription');
    const { namespace, grove } = env();
    nodes = await createDedicatedNodes(env().kc, `${namespace}-over`, 8);
    const pool = nodes;
    const names = Array.from({ length: 6 }, (_, i) => `over-${i}`);
    const gangPcs = (name: string): PodCliqueSet => {
      const pcs = aPodCliqueSet(name).clique('w', { replicas: 2, minAvailable: 2, podSpec: gpuPodSpec(pool) }).build();
      return { ...pcs, metadata: { ...pcs.metadata, namespace } };
    };

    step('apply 6 gangs of 2 × 8 GPUs at once on 8 nodes (96 of 64 GPUs)');
    await Promise.all(names.map((name) => grove.create(PodCliqueSetGVK, gangPcs(name))));

    step('exactly 4 gangs are placed whole; the other 2 are unschedulable with nothing bound');
    const census = async () => Object.fromEntries(await Promise.all(names.map(async (n) => [n, (await boundPods(env(), n)).length] as const)));
    const settled = await eventuallyUnlessDenied(
      env(),
      '8 bound pods across the 6 gangs',
      async () => {
        const counts = await census();
        expect(Object.values(counts).reduce((a, b) => a + b, 0), `bound pods per gang: ${JSON.stringify(counts)}`).toBe(8);
        return counts;
      },
      { timeoutMs: SCHEDULE_TIMEOUT_MS, intervalMs: 1_000 },
    );
    const losers = names.filter((n) => settled[n] === 0);
    expect(Object.values(settled).sort(), `bound pods per gang: ${JSON.stringify(settled)}`).toEqual([0, 0, 2, 2, 2, 2]);
    for (const loser of losers) await waitUnschedulable(env(), `${loser}-0`);
    expect(await census(), 'still no partial gang after the losers were tried').toEqual(settled);

    step('delete 2 placed gangs → the 2 waiting gangs are placed whole');
    const winners = names.filter((n) => settled[n] === 2).slice(0, 2);
    await Promise.all(winners.map((name) => grove.delete(PodCliqueSetGVK, { namespace, name })));
    for (const loser of losers) await waitForReadyPods(env(), loser, 2);
  }, SCENARIO_TIMEOUT_MS);
});
