/**
 * The identity pods of a PodCliqueSet run their startup-order init container with (grove-spec
 * §2.2, §5): one ServiceAccount, a Role that may read pods, the RoleBinding between them, and a
 * long-lived token Secret that `grove-initc` mounts instead of the pod's own token.
 */
import type { V1Role, V1RoleBinding, V1Secret, V1ServiceAccount } from '@kubernetes/client-node';
import { COMPONENT, initContainerTokenSecretName, roleBindingName, roleName, serviceAccountName, type PodCliqueSet } from '@grove/api';
import { childMetadata, componentLabels } from './child-metadata.js';
import { pcsNameOf } from './template-lookup.js';

const RBAC_API_GROUP = 'rbac.authorization.k8s.io';
/** Kubernetes' token controller fills Secrets of this type for the ServiceAccount they name. */
const SERVICE_ACCOUNT_TOKEN_TYPE = 'kubernetes.io/service-account-token';
const SERVICE_ACCOUNT_NAME_ANNOTATION = 'kubernetes.io/service-account.name';

export function podServiceAccount(pcs: PodCliqueSet): V1ServiceAccount {
  const name = serviceAccountName(pcsNameOf(pcs));
  return {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: childMetadata(pcs, name, componentLabels(pcs, name, COMPONENT.podServiceAccount)),
    automountServiceAccountToken: true,
  };
}

export function podRole(pcs: PodCliqueSet): V1Role {
  const name = roleName(pcsNameOf(pcs));
  return {
    apiVersion: `${RBAC_API_GROUP}/v1`,
    kind: 'Role',
    metadata: childMetadata(pcs, name, componentLabels(pcs, labelSafe(name), COMPONENT.podRole)),
    rules: [{ apiGroups: [''], resources: ['pods', 'pods/status'], verbs: ['get', 'list', 'watch'] }],
  };
}

export function podRoleBinding(pcs: PodCliqueSet): V1RoleBinding {
  const pcsName = pcsNameOf(pcs);
  const name = roleBindingName(pcsName);
  const namespace = pcs.metadata.namespace;
  return {
    apiVersion: `${RBAC_API_GROUP}/v1`,
    kind: 'RoleBinding',
    metadata: childMetadata(pcs, name, componentLabels(pcs, labelSafe(name), COMPONENT.podRoleBinding)),
    roleRef: { apiGroup: RBAC_API_GROUP, kind: 'Role', name: roleName(pcsName) },
    subjects: [{ kind: 'ServiceAccount', name: serviceAccountName(pcsName), ...(namespace !== undefined && { namespace }) }],
  };
}

export function initContainerTokenSecret(pcs: PodCliqueSet): V1Secret {
  const pcsName = pcsNameOf(pcs);
  const name = initContainerTokenSecretName(pcsName);
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: childMetadata(pcs, name, componentLabels(pcs, name, COMPONENT.podServiceAccountTokenSecret), {
      [SERVICE_ACCOUNT_NAME_ANNOTATION]: serviceAccountName(pcsName),
    }),
    type: SERVICE_ACCOUNT_TOKEN_TYPE,
  };
}

/** `grove.io:pcs:<pcs>` is a valid object name but not a label value: Grove labels it `grove.io-pcs-<pcs>`. */
function labelSafe(name: string): string {
  return name.replaceAll(':', '-');
}
