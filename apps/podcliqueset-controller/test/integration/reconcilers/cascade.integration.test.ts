/**
 * Deletion (grove-spec §2.5, §10.7 "Cascade delete"): the controllers only remove their finalizers;
 * kube-controller-manager's garbage collector removes every child through the owner references.
 */
import { describe, expect, it } from 'vitest';
import { PodCliqueGVK, PodCliqueSetGVK, PodGangGVK } from '@grove/api';
import { RbacAuthorizationV1Api } from '@kubernetes/client-node';
import { aPodCliqueSet } from '@grove/fixtures';
import { eventually } from '@grove/testing';
import { useReconcilers } from '../support/reconcilers.js';

describe('reconcilers: deletion', () => {
  const h = useReconcilers('cascade');

  it('deleting a PodCliqueSet leaves nothing behind', async () => {
    const { grove, core, kc, namespace, step } = h();
    const pcs = aPodCliqueSet('gone').replicas(2).clique('a', { replicas: 2 }).clique('b').build();
    await h().apply(pcs);
    await eventually(async () => expect(await h().pods()).toHaveLength(6), { timeoutMs: 60_000 });
    step('delete the PodCliqueSet');
    await grove.delete(PodCliqueSetGVK, { namespace, name: 'gone' });
    const rbac = kc.makeApiClient(RbacAuthorizationV1Api);
    await eventually(
      async () => {
        const left = {
          pcs: (await grove.list(PodCliqueSetGVK, { namespace })).items.length,
          pclqs: (await grove.list(PodCliqueGVK, { namespace })).items.length,
          gangs: (await grove.list(PodGangGVK, { namespace })).items.length,
          pods: (await core.listNamespacedPod({ namespace })).items.length,
          services: (await core.listNamespacedService({ namespace })).items.length,
          serviceAccounts: (await core.listNamespacedServiceAccount({ namespace })).items.filter((s) => s.metadata?.name !== 'default').length,
          secrets: (await core.listNamespacedSecret({ namespace })).items.length,
          roles: (await rbac.listNamespacedRole({ namespace })).items.length,
          roleBindings: (await rbac.listNamespacedRoleBinding({ namespace })).items.length,
        };
        expect(left).toEqual({ pcs: 0, pclqs: 0, gangs: 0, pods: 0, services: 0, serviceAccounts: 0, secrets: 0, roles: 0, roleBindings: 0 });
      },
      { timeoutMs: 90_000, intervalMs: 1_000 },
    );
  });
});
