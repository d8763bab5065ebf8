/**
 * Topology-packed placement by the podgang-scheduler (grove-spec §10.6 scenarios that apply to our
 * scheduler): a ClusterTopologyBinding maps block/rack/host to node labels, the podcliqueset-controller
 * (topology-aware) writes them into the PodGang, and the scheduler keeps each constrained set of pods
 * inside one domain. The test's 8 KWOK nodes: 2 blocks × 2 racks × 2 hosts, 8 GPUs each.
 */
import { ClusterTopologyBindingGVK, PodCliqueSetGVK, type PodCliqueSet } from '@grove/api';
import { aClusterTopologyBinding, aPodCliqueSet } from '@grove/fixtures';
import { createDedicatedNodes, eventually, type DedicatedNodes } from '@grove/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { boundPods, gpuPodSpec, podsOfGang, setUnschedulable, waitUnschedulable } from './support/gang-census.js';
import { useGroveControllers } from './support/grove-suite.js';
import { label, podName } from './support/kube.js';
import { scenario, SCENARIO_TIMEOUT_MS } from './support/steps.js';
import { waitForReadyPods } from './support/workloads.js';

const BLOCK = 'topology.grove.io/block';
const RACK = 'topology.grove.io/rack';
const HOST = 'kubernetes.io/hostname';

describe('podgang-scheduler: topology packing (§10.6)', () => {
  const env = useGroveControllers('topo-sched', { scheduler: true, topologyAware: true });
  let nodes: DedicatedNodes | undefined;
  let topologyName = '';
  const nodeLabels = new Map<string, Record<string, string>>();

  beforeAll(async () => {
    const { kc, namespace, grove } = env();
    topologyName = `ct-${namespace}`.slice(0, 60);
    await grove.create(ClusterTopologyBindingGVK, aClusterTopologyBinding(topologyName));
    const pool = `${namespace}-topo`;
    const labels = (i: number) => ({ [BLOCK]: `${pool}-b${i >> 2}`, [RACK]: `${pool}-r${i >> 1}`, 'topology.kubernetes.io/zone': `${pool}-z` });
    nodes = await createDedicatedNodes(kc, pool, 8, { labels });
    nodes.names.forEach((name, i) => nodeLabels.set(name, { ...labels(i), [HOST]: name }));
  });

  afterAll(async () => {
    await nodes?.remove();
    if (topologyName) await env().grove.delete(ClusterTopologyBindingGVK, { name: topologyName }).catch(() => undefined);
  });

  afterEach(async () => {
    // Each scenario starts from empty, open nodes.
    const { grove, namespace, core } = env();
    const list = await grove.list(PodCliqueSetGVK, { namespace });
    await Promise.all(list.items.map((pcs) => grove.delete(PodCliqueSetGVK, { namespace, name: pcs.metadata.name ?? '' })));
    if (nodes) await setUnschedulable(core, nodes.names, false);
    await eventually(
      async () => expect((await core.listNamespacedPod({ namespace })).items.map(podName), 'pods left from the scenario').toEqual([]),
      { timeoutMs: 60_000, intervalMs: 1_000 },
    );
  });

  const domainsOf = (pods: readonly { spec?: { nodeName?: string } }[], key: string) =>
    [...new Set(pods.map((p) => nodeLabels.get(p.spec?.nodeName ?? '')?.[key] ?? `<not on a test node: ${p.spec?.nodeName ?? 'unbound'}>`))];

  function inNamespace(pcs: PodCliqueSet): PodCliqueSet {
    return { ...pcs, metadata: { ...pcs.metadata, namespace: env().namespace } };
  }

  it('packs at every level: the PCS in one block, a clique in one rack, another on one host', async (ctx) => {
    const step = scenario(ctx, 'TAS block → rack → host');
    const pool = nodes as DedicatedNodes;
    const pcs = aPodCliqueSet('packed')
      .clique('pair', { replicas: 2, minAvailable: 2, podSpec: gpuPodSpec(pool, 4) }, { topologyConstraint: { pack: { required: 'host' } } })
      .clique('duo', { replicas: 2, minAvailable: 2, podSpec: gpuPodSpec(pool, 8) }, { topologyConstraint: { pack: { required: 'rack' } } })
      .clique('solo', { replicas: 1, minAvailable: 1, podSpec: gpuPodSpec(pool, 4) })
      .with({ topologyConstraint: { topologyName, pack: { required: 'block' } } })
      .build();

    step('apply a PCS packed into a block whose "duo" clique needs one rack and "pair" one host');
    await env().grove.create(PodCliqueSetGVK, inNamespace(pcs));
    const pods = await waitForReadyPods(env(), 'packed', 5);
    const of = (clique: string) => pods.filter((p) => label(p, 'grove.io/podclique') === `packed-0-${clique}`);

    step('every pod in one block; duo in one rack on two hosts; pair on one host');
    expect(domainsOf(pods, BLOCK), 'blocks of all pods').toHaveLength(1);
    expect(domainsOf(of('duo'), RACK), 'racks of duo').toHaveLength(1);
    expect(domainsOf(of('duo'), HOST), 'hosts of duo (8 GPUs each)').toHaveLength(2);
    expect(domainsOf(of('pair'), HOST), `hosts of pair: ${of('pair').map(podName).join(', ')}`).toHaveLength(1);
  }, SCENARIO_TIMEOUT_MS);

  it('a rack constraint that cannot fit leaves every pod Pending with a reason naming the rack', async (ctx) => {
    const step = scenario(ctx, 'TAS-13 unsatisfiable rack');
    const pool = nodes as DedicatedNodes;
    const pcs = aPodCliqueSet('toobig')
      .clique('w', { replicas: 3, minAvailable: 3, podSpec: gpuPodSpec(pool, 8) })
      .with({ topologyConstraint: { topologyName, pack: { required: 'rack' } } })
      .build();

    step('apply 3 pods × 8 GPUs packed into one rack (a rack has 2 × 8)');
    await env().grove.create(PodCliqueSetGVK, inNamespace(pcs));
    const condition = await waitUnschedulable(env(), 'toobig-0');
    expect(condition.message, 'the message names the constraint').toContain(RACK);
    expect((await boundPods(env(), 'toobig')).length, 'bound pods').toBe(0);
    const pods = await podsOfGang(env(), 'toobig-0');
    expect(pods).toHaveLength(3);
    for (const pod of pods) {
      expect(pod.status?.conditions?.find((c) => c.type === 'PodScheduled'), `PodScheduled of ${podName(pod)}`).toMatchObject({ status: 'False', reason: 'Unschedulable' });
    }
  }, SCENARIO_TIMEOUT_MS);

  it('best fit: a rack-packed gang goes to the rack that is already partly used', async (ctx) => {
    const step = scenario(ctx, 'best fit');
    const pool = nodes as DedicatedNodes;
    const first = aPodCliqueSet('first').clique('w', { replicas: 1, minAvailable: 1, podSpec: gpuPodSpec(pool, 4) }).build();

    step('place one 4-GPU pod anywhere');
    await env().grove.create(PodCliqueSetGVK, inNamespace(first));
    const [placed] = await waitForReadyPods(env(), 'first', 1);
    const usedRack = nodeLabels.get(placed?.spec?.nodeName ?? '')?.[RACK];

    step('a gang of 2 × 4 GPUs packed into a rack fits best in the used rack (whole racks stay whole)');
    const second = aPodCliqueSet('second')
      .clique('w', { replicas: 2, minAvailable: 2, podSpec: gpuPodSpec(pool, 4) })
      .with({ topologyConstraint: { topologyName, pack: { required: 'rack' } } })
      .build();
    await env().grove.create(PodCliqueSetGVK, inNamespace(second));
    const pods = await waitForReadyPods(env(), 'second', 2);
    expect(domainsOf(pods, RACK), 'rack of the gang').toEqual([usedRack]);
  }, SCENARIO_TIMEOUT_MS);
});
