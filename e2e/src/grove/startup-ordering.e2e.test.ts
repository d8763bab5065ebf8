/**
 * Startup ordering (grove-spec §5, §10.3) under the two controllers running as processes.
 *
 * SO-INJ: for the InOrder and Explicit workloads WL3..WL6, every pod's `grove-initc` init container
 *   carries exactly the `--podcliques=<fqn>:<minAvailable>` arguments §5 resolves to (none at all
 *   for pods without dependencies), and the pod-info volume the gate reads.
 * SO-3: KWOK does not run init containers, so the ordering itself is checked with the gate as a
 *   process for one dependency chain of WL5 (pc-b waits for pc-c of both scaling-group replicas):
 *   it gets a pc-b pod's own arguments, pod-info and the PodCliqueSet's token, and blocks while the
 *   workload's nodes are cordoned; once they are uncordoned and the pc-c pods turn Ready, it exits 0.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LABEL, PodCliqueSetGVK, type PodCliqueSet } from '@grove/api';
import { aPodCliqueSet } from '@grove/fixtures';
import { createDedicatedNodes, eventually, type DedicatedNodes } from '@grove/testing';
import type { V1Pod } from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import { useGroveControllers, type GroveEnv } from './support/grove-suite.js';
import { isRunningAndReady, label, podName, podsOfPcs } from './support/kube.js';
import { initContainerArgs, initContainerKubeconfig, StartupGateProcess } from './support/startup-gate.js';
import { scenario, SCENARIO_TIMEOUT_MS } from './support/steps.js';
import { WORKLOAD_TIMEOUT_MS } from './support/workloads.js';

type Startup = 'CliqueStartupTypeInOrder' | 'CliqueStartupTypeExplicit';
type Placement = DedicatedNodes['podPlacement'];

interface Sizes {
  readonly a: { replicas: number; minAvailable: number };
  readonly c: { replicas: number; minAvailable: number };
  readonly groupMinAvailable: number;
}

/** WL1 sizes (everything required) and WL2 sizes (minimums of 1), grove-spec §10. */
const WL1: Sizes = { a: { replicas: 2, minAvailable: 2 }, c: { replicas: 3, minAvailable: 3 }, groupMinAvailable: 2 };
const WL2: Sizes = { a: { replicas: 2, minAvailable: 1 }, c: { replicas: 3, minAvailable: 1 }, groupMinAvailable: 1 };
const PODS = 10;

/** pc-a standalone, pc-b and pc-c in scaling group sg-x (2 replicas); `after` = Explicit startsAfter. */
function workload(name: string, sizes: Sizes, startup: Startup, after: Record<string, string[]> = {}, placement?: Placement): PodCliqueSet {
  const podSpec = { containers: [{ name: 'main', image: 'busybox' }], ...placement };
  const startsAfter = (clique: string) => (after[clique] ? { startsAfter: after[clique] } : {});
  return {
    ...aPodCliqueSet(name)
      .clique('pc-a', { ...sizes.a, podSpec, ...startsAfter('pc-a') })
      .clique('pc-b', { replicas: 1, minAvailable: 1, podSpec, ...startsAfter('pc-b') })
      .clique('pc-c', { ...sizes.c, podSpec, ...startsAfter('pc-c') })
      .scalingGroup('sg-x', ['pc-b', 'pc-c'], { replicas: 2, minAvailable: sizes.groupMinAvailable })
      .with({ cliqueStartupType: startup })
      .build(),
  };
}

/** PodClique FQN → the init container's arguments §5 resolves to (`undefined`: no init container). */
type ExpectedArgs = Readonly<Record<string, readonly string[] | undefined>>;

const SCENARIOS: readonly { id: string; pcs: (ns: string) => PodCliqueSet; args: ExpectedArgs }[] = [
  {
    id: 'WL3 InOrder, WL1 sizes',
    pcs: () => workload('wl3', WL1, 'CliqueStartupTypeInOrder'),
    args: {
      'wl3-0-pc-a': undefined,
      'wl3-0-sg-x-0-pc-b': ['--podcliques=wl3-0-pc-a:2'],
      'wl3-0-sg-x-1-pc-b': ['--podcliques=wl3-0-pc-a:2'],
      'wl3-0-sg-x-0-pc-c': ['--podcliques=wl3-0-sg-x-0-pc-b:1', '--podcliques=wl3-0-sg-x-1-pc-b:1'],
      'wl3-0-sg-x-1-pc-c': ['--podcliques=wl3-0-sg-x-0-pc-b:1', '--podcliques=wl3-0-sg-x-1-pc-b:1'],
    },
  },
  {
    id: 'WL4 InOrder, WL2 sizes',
    pcs: () => workload('wl4', WL2, 'CliqueStartupTypeInOrder'),
    args: {
      'wl4-0-pc-a': undefined,
      'wl4-0-sg-x-0-pc-b': ['--podcliques=wl4-0-pc-a:1'],
      // sg-x replica 1 is a scaled gang: only dependencies inside its own group replica are kept.
      'wl4-0-sg-x-1-pc-b': undefined,
      'wl4-0-sg-x-0-pc-c': ['--podcliques=wl4-0-sg-x-0-pc-b:1'],
      'wl4-0-sg-x-1-pc-c': ['--podcliques=wl4-0-sg-x-1-pc-b:1'],
    },
  },
  {
    id: 'WL5 Explicit (pc-c after pc-a, pc-b after pc-c), WL1 sizes',
    pcs: () => workload('wl5', WL1, 'CliqueStartupTypeExplicit', { 'pc-c': ['pc-a'], 'pc-b': ['pc-c'] }),
    args: {
      'wl5-0-pc-a': undefined,
      'wl5-0-sg-x-0-pc-c': ['--podcliques=wl5-0-pc-a:2'],
      'wl5-0-sg-x-1-pc-c': ['--podcliques=wl5-0-pc-a:2'],
      'wl5-0-sg-x-0-pc-b': ['--podcliques=wl5-0-sg-x-0-pc-c:3', '--podcliques=wl5-0-sg-x-1-pc-c:3'],
      'wl5-0-sg-x-1-pc-b': ['--podcliques=wl5-0-sg-x-0-pc-c:3', '--podcliques=wl5-0-sg-x-1-pc-c:3'],
    },
  },
  {
    id: 'WL6 Explicit (pc-b after pc-a, pc-c after pc-b), WL2 sizes',
    pcs: () => workload('wl6', WL2, 'CliqueStartupTypeExplicit', { 'pc-b': ['pc-a'], 'pc-c': ['pc-b'] }),
    args: {
      'wl6-0-pc-a': undefined,
      'wl6-0-sg-x-0-pc-b': ['--podcliques=wl6-0-pc-a:1'],
      'wl6-0-sg-x-1-pc-b': undefined,
      'wl6-0-sg-x-0-pc-c': ['--podcliques=wl6-0-sg-x-0-pc-b:1'],
      'wl6-0-sg-x-1-pc-c': ['--podcliques=wl6-0-sg-x-1-pc-b:1'],
    },
  },
];

async function createPcs(env: GroveEnv, pcs: PodCliqueSet): Promise<void> {
  await env.grove.create(PodCliqueSetGVK, { ...pcs, metadata: { ...pcs.metadata, namespace: env.namespace } });
}

async function waitForPods(env: GroveEnv, pcs: string, count: number): Promise<V1Pod[]> {
  return eventually(
    async () => {
      const pods = (await podsOfPcs(env.kc, env.namespace, pcs)).filter((p) => !p.metadata?.deletionTimestamp);
      expect(pods.length, `pods of ${pcs}`).toBe(count);
      return pods;
    },
    { timeoutMs: WORKLOAD_TIMEOUT_MS, intervalMs: 1_000 },
  );
}

/** The pod-info files the gate reads (the API server defaults each fieldRef's apiVersion). */
const POD_INFO_ITEMS = [
  { path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } },
  { path: 'podgangname', fieldRef: { apiVersion: 'v1', fieldPath: "metadata.labels['grove.io/podgang']" } },
  { path: 'traceparent', fieldRef: { apiVersion: 'v1', fieldPath: "metadata.annotations['grove.io/traceparent']" } },
];

describe('startup ordering', () => {
  const grove = useGroveControllers('startup-ordering');
  let gate: StartupGateProcess | undefined;
  let nodes: DedicatedNodes | undefined;

  afterEach(async () => {
    gate?.kill();
    await nodes?.remove();
    gate = undefined;
    nodes = undefined;
  });

  it('SO-INJ: WL3..WL6 pods carry exactly the init container arguments of §5', async (ctx) => {
    const env = grove();
    const step = scenario(ctx, 'SO-INJ');
    step('create WL3, WL4, WL5 and WL6');
    for (const s of SCENARIOS) await createPcs(env, s.pcs(env.namespace));
    for (const s of SCENARIOS) {
      const pcs = s.pcs(env.namespace).metadata.name ?? '';
      step(`${s.id}: wait for ${PODS} pods, check each pod's grove-initc`);
      const pods = await waitForPods(env, pcs, PODS);
      const actual = new Map<string, readonly string[] | undefined>();
      for (const pod of pods) {
        const clique = label(pod, LABEL.podClique) ?? '?';
        const args = initContainerArgs(pod);
        expect(actual.has(clique) ? actual.get(clique) : args, `pods of ${clique} agree (${podName(pod)})`).toEqual(args);
        actual.set(clique, args);
        const podInfo = pod.spec?.volumes?.find((v) => v.name === 'pod-info-vol');
        expect(podInfo?.downwardAPI?.items, `pod-info-vol of ${podName(pod)}`).toEqual(args === undefined ? undefined : POD_INFO_ITEMS);
      }
      expect(Object.fromEntries(actual), s.id).toEqual(s.args);
    }
  }, SCENARIO_TIMEOUT_MS);

  it('SO-3: the gate of a pc-b pod of WL5 blocks until the pc-c pods of both sg-x replicas are Ready', async (ctx) => {
    const env = grove();
    const step = scenario(ctx, 'SO-3');
    const pcs = 'wl5-gate';
    step('create two cordoned dedicated nodes and WL5 pinned to them');
    nodes = await createDedicatedNodes(env.kc, `${env.namespace}-so3`, 2);
    await nodes.cordon(true);
    await createPcs(env, workload(pcs, WL1, 'CliqueStartupTypeExplicit', { 'pc-c': ['pc-a'], 'pc-b': ['pc-c'] }, nodes.podPlacement));
    const pods = await waitForPods(env, pcs, PODS);
    const waiter = pods.find((p) => label(p, LABEL.podClique) === `${pcs}-0-sg-x-0-pc-b`);
    expect(initContainerArgs(waiter ?? {})).toEqual([`--podcliques=${pcs}-0-sg-x-0-pc-c:3`, `--podcliques=${pcs}-0-sg-x-1-pc-c:3`]);

    step('start the gate with that pod’s arguments, pod-info and the PodCliqueSet’s init-container token');
    const kubeconfig = await initContainerKubeconfig(env.kc, env.namespace, pcs, mkdtempSync(join(tmpdir(), 'grove-e2e-so3-')));
    gate = new StartupGateProcess(waiter ?? {}, kubeconfig);
    await gate.waitForLine('listed pods', 120_000);
    expect(gate.running(), 'the gate waits while no pc-c pod is Ready').toBe(true);

    step('uncordon: the gang is scheduled, KWOK makes the pods Ready');
    await nodes.cordon(false);
    expect(await gate.exited, `gate exit code; its log: ${JSON.stringify(gate.lines)}`).toBe(0);

    step('when the gate opened, both pc-c cliques had their 3 Ready pods');
    const open = gate.lines.at(-1);
    expect(open).toMatchObject({
      msg: 'startup gate open',
      dependencies: [
        { fqn: `${pcs}-0-sg-x-0-pc-c`, minAvailable: 3, ready: 3 },
        { fqn: `${pcs}-0-sg-x-1-pc-c`, minAvailable: 3, ready: 3 },
      ],
    });
    const readyPcC = (await podsOfPcs(env.kc, env.namespace, pcs)).filter((p) => label(p, LABEL.podClique)?.endsWith('-pc-c') && isRunningAndReady(p));
    expect(readyPcC.length).toBeGreaterThanOrEqual(6);
  }, SCENARIO_TIMEOUT_MS);
});
