/**
 * Scenario C (grove-spec §2.5, §10.7 "Cascade delete"): deleting a PodCliqueSet, with foreground or
 * background propagation, removes everything it owns. The controllers only drop their finalizers;
 * kube-controller-manager's garbage collector follows the owner references (PCS → PCSG → PCLQ → Pod).
 */
import { LABEL, PodCliqueGVK, PodCliqueScalingGroupGVK, PodCliqueSetGVK, PodGangGVK, type PodCliqueSet } from '@grove/api';
import { eventually } from '@grove/testing';
import { RbacAuthorizationV1Api } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { deniedRequests, useGroveControllers, type GroveEnv } from './support/grove-suite.js';
import { exists, sortedNames } from './support/kube.js';
import { scenario, SCENARIO_TIMEOUT_MS } from './support/steps.js';
import { waitForReadyPods } from './support/workloads.js';

/** GC of a few dozen objects through a chain of finalizers; usually seconds. */
const CASCADE_TIMEOUT_MS = 60_000;

const podSpec = (name: string) => ({
  containers: [{ name, image: 'registry.k8s.io/pause:3.10', resources: { requests: { cpu: '1m', memory: '1Mi' } } }],
});

/** A standalone clique `router` and a PCSG `sg` of `leader`+`worker` with 2 replicas (one scaled gang): 5 pods. */
function smallPcs(namespace: string, name: string): PodCliqueSet {
  return {
    apiVersion: 'grove.io/v1alpha1',
    kind: 'PodCliqueSet',
    metadata: { name, namespace },
    spec: {
      replicas: 1,
      template: {
        cliques: [
          { name: 'router', spec: { roleName: 'router', replicas: 1, minAvailable: 1, podSpec: podSpec('router') } },
          { name: 'leader', spec: { roleName: 'leader', replicas: 1, minAvailable: 1, podSpec: podSpec('leader') } },
          { name: 'worker', spec: { roleName: 'worker', replicas: 1, minAvailable: 1, podSpec: podSpec('worker') } },
        ],
        podCliqueScalingGroups: [{ name: 'sg', cliqueNames: ['leader', 'worker'], replicas: 2, minAvailable: 1 }],
      },
    },
  };
}

type Inventory = Record<string, string[]>;

const union = (a: readonly string[], b: readonly string[]) => [...new Set([...a, ...b])].sort();

/** Everything of `pcs` by kind: listed by `app.kubernetes.io/part-of`, plus the §2.1 names read directly. */
async function inventory(env: GroveEnv, pcs: string): Promise<Inventory> {
  const { grove, core, namespace } = env;
  const rbac = env.kc.makeApiClient(RbacAuthorizationV1Api);
  const labelSelector = `${LABEL.partOf}=${pcs}`;
  const options = { namespace, labelSelector };
  // Read by name too, so an object that lost its label still counts.
  const named = async (read: () => Promise<unknown>, name: string) => ((await exists(read)) ? [name] : []);
  const [pcsgs, pclqs, gangs, pods, services, sas, secrets, roles, bindings] = await Promise.all([
    grove.list(PodCliqueScalingGroupGVK, options),
    grove.list(PodCliqueGVK, options),
    grove.list(PodGangGVK, options),
    core.listNamespacedPod(options),
    core.listNamespacedService(options),
    core.listNamespacedServiceAccount(options),
    core.listNamespacedSecret(options),
    rbac.listNamespacedRole(options),
    rbac.listNamespacedRoleBinding(options),
  ]);
  const role = `grove.io:pcs:${pcs}`;
  return {
    PodCliqueSet: await named(() => grove.get(PodCliqueSetGVK, { namespace, name: pcs }), pcs),
    PodCliqueScalingGroup: sortedNames(pcsgs.items),
    PodClique: sortedNames(pclqs.items),
    PodGang: sortedNames(gangs.items),
    Pod: sortedNames(pods.items),
    Service: sortedNames(services.items),
    ServiceAccount: union(sortedNames(sas.items), await named(() => core.readNamespacedServiceAccount({ namespace, name: pcs }), pcs)),
    Secret: union(sortedNames(secrets.items), await named(() => core.readNamespacedSecret({ namespace, name: `${pcs}-ic-sat` }), `${pcs}-ic-sat`)),
    Role: union(sortedNames(roles.items), await named(() => rbac.readNamespacedRole({ namespace, name: role }), role)),
    RoleBinding: union(sortedNames(bindings.items), await named(() => rbac.readNamespacedRoleBinding({ namespace, name: role }), role)),
  };
}

const nonEmpty = (inv: Inventory) => Object.fromEntries(Object.entries(inv).filter(([, names]) => names.length > 0));

describe('cascade delete of a PodCliqueSet', () => {
  const env = useGroveControllers('cascade');

  for (const [id, policy] of [
    ['C1', 'Foreground'],
    ['C2', 'Background'],
  ] as const) {
    it(`${id} ${policy} deletion removes PCSGs, PodCliques, PodGangs, Pods, Services, ServiceAccount, Secret, Role, RoleBinding`, async (ctx) => {
      const step = scenario(ctx, `${id} cascade delete (${policy})`);
      const { grove, namespace } = env();
      const pcs = `cascade-${policy.toLowerCase()}`;

      step(`create PodCliqueSet ${pcs} (router + PCSG sg ×2: 5 pods)`);
      await grove.create(PodCliqueSetGVK, smallPcs(namespace, pcs));
      await waitForReadyPods(env(), pcs, 5);

      step('every kind of child exists (and carries app.kubernetes.io/part-of)');
      const before = await eventually(
        async () => {
          const inv = await inventory(env(), pcs);
          expect(inv.PodCliqueScalingGroup, 'PCSGs').toEqual([`${pcs}-0-sg`]);
          expect(inv.PodClique, 'PodCliques').toEqual([`${pcs}-0-router`, `${pcs}-0-sg-0-leader`, `${pcs}-0-sg-0-worker`, `${pcs}-0-sg-1-leader`, `${pcs}-0-sg-1-worker`]);
          expect(inv.PodGang, 'PodGangs').toEqual([`${pcs}-0`, `${pcs}-0-sg-0`]);
          expect(inv.Pod, 'Pods').toHaveLength(5);
          expect(inv.Service, 'Services').toEqual([`${pcs}-0`]);
          expect(inv.ServiceAccount, 'ServiceAccounts').toEqual([pcs]);
          expect(inv.Secret, 'Secrets').toEqual([`${pcs}-ic-sat`]);
          expect(inv.Role, 'Roles').toEqual([`grove.io:pcs:${pcs}`]);
          expect(inv.RoleBinding, 'RoleBindings').toEqual([`grove.io:pcs:${pcs}`]);
          return inv;
        },
        { timeoutMs: 30_000, intervalMs: 1_000 },
      );

      step(`delete the PodCliqueSet with propagationPolicy ${policy}`);
      await grove.delete(PodCliqueSetGVK, { namespace, name: pcs }, { propagationPolicy: policy });

      step(`wait (≤ ${CASCADE_TIMEOUT_MS / 1000}s) until nothing of ${pcs} is left`);
      await eventually(
        async () => {
          expect(nonEmpty(await inventory(env(), pcs)), `left of ${pcs} (before: ${JSON.stringify(before)})`).toEqual({});
        },
        { timeoutMs: CASCADE_TIMEOUT_MS, intervalMs: 1_000 },
      );

      step('no request of either controller was refused (RBAC)');
      expect(deniedRequests(env()), 'requests the API server refused to the controllers during this test').toEqual([]);
    }, SCENARIO_TIMEOUT_MS);
  }
});
