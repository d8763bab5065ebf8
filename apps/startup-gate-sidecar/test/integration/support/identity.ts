/**
 * The credentials the gate runs with in these tests: a ServiceAccount with a bound token from the
 * TokenRequest API, written to a kubeconfig file, and (unless a test wants none) a Role with
 * exactly the gate's declared rules (`src/rbac.ts`) bound to it in the test namespace.
 */
import { join } from 'node:path';
import { serviceAccountKubeconfig } from '@grove/testing';
import { CoreV1Api, RbacAuthorizationV1Api, type KubeConfig } from '@kubernetes/client-node';
import { startupGateRole } from '../../../src/rbac.js';

export const GATE_SERVICE_ACCOUNT = 'startup-gate';

export async function gateKubeconfig(admin: KubeConfig, namespace: string, dir: string, opts: { withRole: boolean }): Promise<string> {
  const core = admin.makeApiClient(CoreV1Api);
  await core.createNamespacedServiceAccount({ namespace, body: { metadata: { name: GATE_SERVICE_ACCOUNT } } });
  if (opts.withRole) {
    const rbac = admin.makeApiClient(RbacAuthorizationV1Api);
    await rbac.createNamespacedRole({ namespace, body: startupGateRole(GATE_SERVICE_ACCOUNT, namespace) });
    await rbac.createNamespacedRoleBinding({
      namespace,
      body: {
        metadata: { name: GATE_SERVICE_ACCOUNT },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: GATE_SERVICE_ACCOUNT },
        subjects: [{ kind: 'ServiceAccount', name: GATE_SERVICE_ACCOUNT, namespace }],
      },
    });
  }
  return serviceAccountKubeconfig(admin, namespace, GATE_SERVICE_ACCOUNT, join(dir, `${namespace}.kubeconfig`));
}
