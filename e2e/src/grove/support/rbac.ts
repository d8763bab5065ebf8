/**
 * Each controller runs as its own ServiceAccount, bound to exactly the ClusterRole its deployable
 * declares in `apps/<name>/src/rbac.ts`: an RBAC gap there makes these tests fail, as it would fail
 * an install. The rules come from the apps themselves (`@grove/<app>/rbac`): a copy here would test
 * the copy.
 */
import { join } from 'node:path';
import { podCliqueSetControllerRole } from '@grove/podcliqueset-controller/rbac';
import { podGangSchedulerRole } from '@grove/podgang-scheduler/rbac';
import { scalingGroupControllerRole } from '@grove/scalinggroup-controller/rbac';
import { serviceAccountKubeconfig } from '@grove/testing';
import { ApiException, CoreV1Api, RbacAuthorizationV1Api, type KubeConfig, type V1ClusterRole } from '@kubernetes/client-node';

/** A controller deployable under test and the ClusterRole its `src/rbac.ts` declares. */
export interface ControllerRbacSource {
  readonly app: 'podcliqueset-controller' | 'scalinggroup-controller' | 'podgang-scheduler';
  readonly role: (name: string) => V1ClusterRole;
}

export const RBAC_SOURCES: readonly ControllerRbacSource[] = [
  { app: 'podcliqueset-controller', role: podCliqueSetControllerRole },
  { app: 'scalinggroup-controller', role: scalingGroupControllerRole },
];

/** The podgang-scheduler, for suites that schedule with it (cluster-wide: it reads every node and pod). */
export const SCHEDULER_RBAC_SOURCE: ControllerRbacSource = { app: 'podgang-scheduler', role: podGangSchedulerRole };

/** The ClusterRole the deployable declares, named `name`. */
export function declaredClusterRole(source: ControllerRbacSource, name: string): V1ClusterRole {
  const role = source.role(name);
  return { ...role, metadata: { ...role.metadata, name } };
}

/** `grove-e2e:<app>:<namespace>`: the ClusterRole and ClusterRoleBinding of one controller in one test file. */
export function clusterRoleName(source: ControllerRbacSource, namespace: string): string {
  return `grove-e2e:${source.app}:${namespace}`;
}

/** What `grantDeclaredRbac` created, to hand to the controller and to remove afterwards. */
export interface ControllerIdentity {
  readonly source: ControllerRbacSource;
  readonly serviceAccount: string;
  readonly clusterRole: string;
  /** A kubeconfig file that authenticates as the ServiceAccount with a bound token. */
  readonly kubeconfigPath: string;
}

/**
 * ServiceAccount `<app>` in `namespace`, ClusterRole and ClusterRoleBinding `grove-e2e:<app>:<namespace>`
 * (suffixed so concurrent files do not collide), a one-hour token from the TokenRequest API, and a
 * kubeconfig file in `dir` using it.
 */
export async function grantDeclaredRbac(
  admin: KubeConfig,
  namespace: string,
  source: ControllerRbacSource,
  dir: string,
): Promise<ControllerIdentity> {
  const core = admin.makeApiClient(CoreV1Api);
  const rbac = admin.makeApiClient(RbacAuthorizationV1Api);
  const serviceAccount = source.app;
  const name = clusterRoleName(source, namespace);
  const labels = { 'grove.io/e2e-namespace': namespace };

  await core.createNamespacedServiceAccount({ namespace, body: { metadata: { name: serviceAccount } } });
  const role = declaredClusterRole(source, name);
  await rbac.createClusterRole({ body: { ...role, metadata: { ...role.metadata, name, labels } } });
  await rbac.createClusterRoleBinding({
    body: {
      metadata: { name, labels },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name },
      subjects: [{ kind: 'ServiceAccount', name: serviceAccount, namespace }],
    },
  });
  const kubeconfigPath = await serviceAccountKubeconfig(admin, namespace, serviceAccount, join(dir, `${source.app}.kubeconfig`));
  return { source, serviceAccount, clusterRole: name, kubeconfigPath };
}

async function ignoreNotFound(request: () => Promise<unknown>): Promise<void> {
  try {
    await request();
  } catch (err) {
    if (!(err instanceof ApiException && err.code === 404)) throw err;
  }
}

/**
 * Deletes the ClusterRole and ClusterRoleBinding of `source` for `namespace`, whether or not
 * `grantDeclaredRbac` got to the end (the ServiceAccount goes with the namespace).
 */
export async function revokeDeclaredRbac(admin: KubeConfig, source: ControllerRbacSource, namespace: string): Promise<void> {
  const rbac = admin.makeApiClient(RbacAuthorizationV1Api);
  const name = clusterRoleName(source, namespace);
  await ignoreNotFound(() => rbac.deleteClusterRoleBinding({ name }));
  await ignoreNotFound(() => rbac.deleteClusterRole({ name }));
}
