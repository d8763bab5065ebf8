/**
 * Scenario A: Grove's multi-node samples, applied as shipped (only the namespace changed), come up
 * under the two controllers running as processes with their declared RBAC: every generated name of
 * grove-spec §2.1, pod identity (hostname/subdomain, §1.8 env vars in order), gang labels and
 * PodGang membership, PodGang Initialized, PodCliqueSet availableReplicas.
 */
import { LABEL, PodCliqueGVK, PodCliqueSetGVK, PodGangGVK, type PodCliqueSet } from '@grove/api';
import { eventually } from '@grove/testing';
import { ApiException, CoreV1Api, CustomObjectsApi, KubeConfig, RbacAuthorizationV1Api, type V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { deniedRequests, useGroveControllers, type GroveEnv } from './support/grove-suite.js';
import { exists, label, podGangInitialized, podName, sortedNames } from './support/kube.js';
import { sample } from './support/samples.js';
import { scenario, SCENARIO_TIMEOUT_MS, type Step } from './support/steps.js';
import { groveChildren, podsByClique, waitForReadyPods, WORKLOAD_TIMEOUT_MS } from './support/workloads.js';

/** What grove-spec §2.1 and §3.1 say a sample becomes, written out literally. */
interface ExpectedWorkload {
  readonly sample: string;
  readonly pcs: string;
  readonly scalingGroups: readonly string[];
  /** PodClique name → pods wanted. */
  readonly podCliques: Readonly<Record<string, number>>;
  /** PodGang name → the PodCliques whose pods it holds. The base gang is `<pcs>-0`. */
  readonly podGangs: Readonly<Record<string, readonly string[]>>;
  /** A PCSG member PodClique in a scaled gang, whose pod's env is checked. */
  readonly envProbe: { readonly podClique: string; readonly scalingGroup: string; readonly pcsgIndex: string; readonly templateNumPods: string };
}

const AGGREGATED: ExpectedWorkload = {
  sample: 'multi-node-aggregated',
  pcs: 'multinode-aggregated',
  scalingGroups: ['multinode-aggregated-0-model-instance'],
  podCliques: {
    'multinode-aggregated-0-model-instance-0-leader': 1,
    'multinode-aggregated-0-model-instance-0-worker': 3,
    'multinode-aggregated-0-model-instance-1-leader': 1,
    'multinode-aggregated-0-model-instance-1-worker': 3,
  },
  podGangs: {
    'multinode-aggregated-0': ['multinode-aggregated-0-model-instance-0-leader', 'multinode-aggregated-0-model-instance-0-worker'],
    'multinode-aggregated-0-model-instance-0': ['multinode-aggregated-0-model-instance-1-leader', 'multinode-aggregated-0-model-instance-1-worker'],
  },
  envProbe: {
    podClique: 'multinode-aggregated-0-model-instance-1-worker',
    scalingGroup: 'multinode-aggregated-0-model-instance',
    pcsgIndex: '1',
    templateNumPods: '4',
  },
};

const DISAGGREGATED: ExpectedWorkload = {
  sample: 'multi-node-disaggregated',
  pcs: 'multinode-disaggregated',
  scalingGroups: ['multinode-disaggregated-0-decode', 'multinode-disaggregated-0-prefill'],
  podCliques: {
    'multinode-disaggregated-0-decode-0-dleader': 1,
    'multinode-disaggregated-0-decode-0-dworker': 2,
    'multinode-disaggregated-0-prefill-0-pleader': 1,
    'multinode-disaggregated-0-prefill-0-pworker': 4,
    'multinode-disaggregated-0-prefill-1-pleader': 1,
    'multinode-disaggregated-0-prefill-1-pworker': 4,
  },
  podGangs: {
    'multinode-disaggregated-0': [
      'multinode-disaggregated-0-decode-0-dleader',
      'multinode-disaggregated-0-decode-0-dworker',
      'multinode-disaggregated-0-prefill-0-pleader',
      'multinode-disaggregated-0-prefill-0-pworker',
    ],
    'multinode-disaggregated-0-prefill-0': ['multinode-disaggregated-0-prefill-1-pleader', 'multinode-disaggregated-0-prefill-1-pworker'],
  },
  envProbe: {
    podClique: 'multinode-disaggregated-0-prefill-1-pworker',
    scalingGroup: 'multinode-disaggregated-0-prefill',
    pcsgIndex: '1',
    templateNumPods: '5',
  },
};

const labelRef = (key: string) => ({ fieldRef: { fieldPath: `metadata.labels['${key}']` } });

function gangOf(expected: ExpectedWorkload, podClique: string): string {
  const gang = Object.entries(expected.podGangs).find(([, members]) => members.includes(podClique));
  if (!gang) throw new Error(`test data: ${podClique} is in no PodGang`);
  return gang[0];
}

function checkPods(env: GroveEnv, expected: ExpectedWorkload, pods: readonly V1Pod[]): void {
  const base = `${expected.pcs}-0`;
  const byClique = podsByClique(pods);
  expect(sortedNames([...byClique.keys()].map((name) => ({ metadata: { name } }))), 'grove.io/podclique of the pods').toEqual(
    Object.keys(expected.podCliques).sort(),
  );
  for (const [pclq, replicas] of Object.entries(expected.podCliques)) {
    const members = byClique.get(pclq) ?? [];
    const indices = members.map((p) => Number(label(p, LABEL.podCliquePodIndex))).sort((a, b) => a - b);
    expect(indices, `grove.io/podclique-pod-index of ${pclq}`).toEqual(Array.from({ length: replicas }, (_, i) => i));
    const gang = gangOf(expected, pclq);
    for (const pod of members) {
      const name = podName(pod);
      expect(name, 'pod name = generateName <pclq>- plus 5 characters').toMatch(new RegExp(`^${pclq}-[a-z0-9]{5}$`));
      expect(pod.spec?.hostname, `hostname of ${name}`).toBe(`${pclq}-${label(pod, LABEL.podCliquePodIndex) ?? '?'}`);
      expect(pod.spec?.subdomain, `subdomain of ${name}`).toBe(base);
      expect(label(pod, LABEL.managedBy), `${LABEL.managedBy} of ${name}`).toBe('grove-operator');
      expect(label(pod, LABEL.partOf), `${LABEL.partOf} of ${name}`).toBe(expected.pcs);
      expect(label(pod, LABEL.podGang), `${LABEL.podGang} of ${name}`).toBe(gang);
      expect(label(pod, LABEL.basePodGang), `${LABEL.basePodGang} of ${name}`).toBe(gang === base ? undefined : base);
    }
  }

  const probe = byClique.get(expected.envProbe.podClique)?.[0];
  expect(probe, `a pod of ${expected.envProbe.podClique}`).toBeDefined();
  for (const container of probe?.spec?.containers ?? []) {
    const envs = container.env ?? [];
    expect(
      envs.slice(0, 8).map((e) => e.name),
      `the §1.8 env vars, in order, first in container ${container.name}`,
    ).toEqual([
      'GROVE_PCS_NAME',
      'GROVE_PCS_INDEX',
      'GROVE_PCLQ_NAME',
      'GROVE_HEADLESS_SERVICE',
      'GROVE_PCLQ_POD_INDEX',
      'GROVE_PCSG_NAME',
      'GROVE_PCSG_TEMPLATE_NUM_PODS',
      'GROVE_PCSG_INDEX',
    ]);
    expect(envs.slice(0, 8), `the §1.8 env var values in container ${container.name}`).toMatchObject([
      { value: expected.pcs },
      { value: '0' },
      { value: expected.envProbe.podClique },
      { value: `${base}.${env.namespace}.svc.cluster.local` },
      { valueFrom: labelRef(LABEL.podCliquePodIndex) },
      { valueFrom: labelRef(LABEL.podCliqueScalingGroup) },
      { value: expected.envProbe.templateNumPods },
      { valueFrom: labelRef(LABEL.podCliqueScalingGroupReplicaIndex) },
    ]);
  }
  expect(label(probe ?? {}, LABEL.podCliqueScalingGroup), 'what GROVE_PCSG_NAME resolves to').toBe(expected.envProbe.scalingGroup);
  expect(label(probe ?? {}, LABEL.podCliqueScalingGroupReplicaIndex), 'what GROVE_PCSG_INDEX resolves to').toBe(expected.envProbe.pcsgIndex);
}

async function checkGangs(env: GroveEnv, expected: ExpectedWorkload, pods: readonly V1Pod[]): Promise<void> {
  const byClique = podsByClique(pods);
  await eventually(
    async () => {
      for (const [gangName, members] of Object.entries(expected.podGangs)) {
        const gang = await env.grove.get(PodGangGVK, { namespace: env.namespace, name: gangName });
        expect(podGangInitialized(gang), `PodGang ${gangName} Initialized`).toBe('True');
        expect(gang.spec.podgroups.map((g) => g.name).sort(), `PodGroups of ${gangName}`).toEqual([...members].sort());
        for (const group of gang.spec.podgroups) {
          expect(group.podReferences.map((r) => r.name).sort(), `podReferences of ${gangName}/${group.name}`).toEqual(
            sortedNames(byClique.get(group.name) ?? []),
          );
        }
      }
    },
    { timeoutMs: 30_000, intervalMs: 1_000 },
  );
  const base = `${expected.pcs}-0`;
  for (const pclq of Object.keys(expected.podCliques)) {
    const object = await env.grove.get(PodCliqueGVK, { namespace: env.namespace, name: pclq });
    const gang = gangOf(expected, pclq);
    expect(object.metadata.labels?.[LABEL.podGang], `${LABEL.podGang} of PodClique ${pclq}`).toBe(gang);
    expect(object.metadata.labels?.[LABEL.basePodGang], `${LABEL.basePodGang} of PodClique ${pclq}`).toBe(gang === base ? undefined : base);
  }
}

async function checkPerPcsObjects(env: GroveEnv, pcs: string): Promise<void> {
  const { core, namespace } = env;
  const rbac = env.kc.makeApiClient(RbacAuthorizationV1Api);
  const services = await core.listNamespacedService({ namespace, labelSelector: `${LABEL.partOf}=${pcs}` });
  expect(sortedNames(services.items), 'headless Services (one per PCS replica)').toEqual([`${pcs}-0`]);
  expect(services.items[0]?.spec?.clusterIP, 'the headless Service has no cluster IP').toBe('None');
  expect(await exists(() => core.readNamespacedServiceAccount({ namespace, name: pcs })), `ServiceAccount ${pcs}`).toBe(true);
  expect(await exists(() => rbac.readNamespacedRole({ namespace, name: `grove.io:pcs:${pcs}` })), `Role grove.io:pcs:${pcs}`).toBe(true);
  expect(await exists(() => rbac.readNamespacedRoleBinding({ namespace, name: `grove.io:pcs:${pcs}` })), `RoleBinding grove.io:pcs:${pcs}`).toBe(
    true,
  );
  expect(await exists(() => core.readNamespacedSecret({ namespace, name: `${pcs}-ic-sat` })), `Secret ${pcs}-ic-sat`).toBe(true);
}

async function bringUp(env: GroveEnv, expected: ExpectedWorkload, step: Step): Promise<void> {
  step(`apply sample ${expected.sample} into ${env.namespace}`);
  const pcs: PodCliqueSet = sample(expected.sample, env.namespace);
  expect(pcs.metadata.name, 'sample PodCliqueSet name').toBe(expected.pcs);
  await env.grove.create(PodCliqueSetGVK, pcs);

  const podCount = Object.values(expected.podCliques).reduce((a, b) => a + b, 0);
  step(`wait for ${podCount} pods Running and Ready`);
  const pods = await waitForReadyPods(env, expected.pcs, podCount);

  step('check PodClique, PodCliqueScalingGroup and PodGang names (§2.1)');
  const children = await groveChildren(env, expected.pcs);
  expect(children.scalingGroups, 'PodCliqueScalingGroups').toEqual([...expected.scalingGroups].sort());
  expect(children.podCliques, 'PodCliques').toEqual(Object.keys(expected.podCliques).sort());
  expect(children.podGangs, 'PodGangs').toEqual(Object.keys(expected.podGangs).sort());

  step('check Service, ServiceAccount, Role, RoleBinding, Secret names (§2.1)');
  await checkPerPcsObjects(env, expected.pcs);

  step('check pod names, hostnames, subdomain, gang labels and §1.8 env vars');
  checkPods(env, expected, pods);

  step('check PodGangs Initialized=True with every pod referenced, and PodClique gang labels');
  await checkGangs(env, expected, pods);

  step('wait for PodCliqueSet status availableReplicas = 1');
  await eventually(
    async () => {
      const current = await env.grove.get(PodCliqueSetGVK, { namespace: env.namespace, name: expected.pcs });
      expect(current.status?.availableReplicas, 'PodCliqueSet status.availableReplicas').toBe(1);
    },
    { timeoutMs: WORKLOAD_TIMEOUT_MS, intervalMs: 1_000 },
  );

  step('no request of either controller was refused (RBAC)');
  expect(deniedRequests(env), 'requests the API server refused to the controllers during this test').toEqual([]);
}

/** HTTP status of a request: 200 when it succeeded, else the API server's code. */
async function statusOf(request: () => Promise<unknown>): Promise<number> {
  try {
    await request();
    return 200;
  } catch (err) {
    if (err instanceof ApiException) return err.code;
    throw err;
  }
}

/**
 * Server-side dry-run creates, as the controller's own ServiceAccount, of the kinds of child it
 * writes. Authorization (including RBAC's escalation check on Roles) runs before validation, so
 * anything but 401/403 means the declared rules allow it; the bodies need not be valid.
 */
async function dryRunCreates(kubeconfigPath: string, namespace: string, app: string): Promise<Record<string, number>> {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfigPath);
  const core = kc.makeApiClient(CoreV1Api);
  const rbac = kc.makeApiClient(RbacAuthorizationV1Api);
  const custom = kc.makeApiClient(CustomObjectsApi);
  const dryRun = 'All';
  const metadata = { name: 'rbac-dry-run' };
  const grove = (group: string, plural: string, kind: string) => () =>
    custom.createNamespacedCustomObject({ group, version: 'v1alpha1', namespace, plural, dryRun, body: { apiVersion: `${group}/v1alpha1`, kind, metadata } });
  const checks: Record<string, () => Promise<unknown>> =
    app === 'podcliqueset-controller'
      ? {
          // grove-spec §2.2: the pods' Role may get/list/watch pods and pods/status; RBAC lets a
          // controller grant only what it holds itself.
          'Role grove.io:pcs:<pcs>': () =>
            rbac.createNamespacedRole({
              namespace,
              dryRun,
              body: { metadata, rules: [{ apiGroups: [''], resources: ['pods', 'pods/status'], verbs: ['get', 'list', 'watch'] }] },
            }),
          ServiceAccount: () => core.createNamespacedServiceAccount({ namespace, dryRun, body: { metadata } }),
          Secret: () => core.createNamespacedSecret({ namespace, dryRun, body: { metadata } }),
          Service: () => core.createNamespacedService({ namespace, dryRun, body: { metadata, spec: { clusterIP: 'None' } } }),
          Pod: () => core.createNamespacedPod({ namespace, dryRun, body: { metadata, spec: { containers: [{ name: 'c', image: 'x' }] } } }),
          PodClique: grove('grove.io', 'podcliques', 'PodClique'),
          PodCliqueScalingGroup: grove('grove.io', 'podcliquescalinggroups', 'PodCliqueScalingGroup'),
          PodGang: grove('scheduler.grove.io', 'podgangs', 'PodGang'),
        }
      : { PodClique: grove('grove.io', 'podcliques', 'PodClique') };
  const codes: Record<string, number> = {};
  for (const [what, request] of Object.entries(checks)) codes[what] = await statusOf(request);
  return codes;
}

describe('Grove samples under both controllers', () => {
  const env = useGroveControllers('samples');

  it('A0 the declared RBAC lets each controller create the kinds of children it writes (server-side dry run as its ServiceAccount)', async (ctx) => {
    const step = scenario(ctx, 'A0 declared RBAC covers the children');
    for (const controller of [env().podCliqueSetController, env().scalingGroupController]) {
      step(`dry-run creates as ${controller.name}`);
      const codes = await dryRunCreates(controller.identity.kubeconfigPath, env().namespace, controller.name);
      const refused = Object.entries(codes).filter(([, code]) => code === 401 || code === 403);
      expect(refused, `creates refused to ${controller.name} (apps/${controller.name}/src/rbac.ts lacks a rule); all: ${JSON.stringify(codes)}`).toEqual([]);
    }
  }, SCENARIO_TIMEOUT_MS);

  it('A1 multi-node-aggregated comes up with the names, labels and env of grove-spec §2.1/§1.8', async (ctx) => {
    await bringUp(env(), AGGREGATED, scenario(ctx, 'A1 multi-node-aggregated'));
  }, SCENARIO_TIMEOUT_MS);

  it('A2 multi-node-disaggregated comes up with the names, labels and env of grove-spec §2.1/§1.8', async (ctx) => {
    await bringUp(env(), DISAGGREGATED, scenario(ctx, 'A2 multi-node-disaggregated'));
  }, SCENARIO_TIMEOUT_MS);
});
