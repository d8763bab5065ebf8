/**
 * The credentials the gate runs with in these tests: a ServiceAccount with a bound token from the
 * TokenRequest API, written to a kubeconfig file, and (unless a test wants none) a Role with
 * exactly the gate's declared rules (`src/rbac.ts`) bound to it in the test namespace.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tokenKubeConfig } from '@grove/testing';
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
  const request = await core.createNamespacedServiceAccountToken({
    namespace,
    name: GATE_SERVICE_ACCOUNT,
    body: { spec: { audiences: [], expirationSeconds: 3600 } },
  });
  const token = request.status?.token;
  if (!token) throw new Error(`TokenRequest for ${namespace}/${GATE_SERVICE_ACCOUNT} returned no token`);
  const file = join(dir, `${namespace}.kubeconfig`);
  const user = `system:serviceaccount:${namespace}:${GATE_SERVICE_ACCOUNT}`;
  writeFileSync(file, tokenKubeConfig(admin, token, user).exportConfig(), { mode: 0o600 });
  return file;
}
