/**
 * RBAC rules as data: each deployable declares the exact permissions it uses in its `rbac.ts`;
 * the chart renders them and the e2e tests run the deployable with only these (lesson: an RBAC
 * gap must fail a test, not a production install).
 */
import type { V1ClusterRole, V1PolicyRule } from '@kubernetes/client-node';

export const READ = ['get', 'list', 'watch'] as const;
export const WRITE = ['create', 'update', 'patch', 'delete'] as const;

export function rule(apiGroup: string, resources: readonly string[], verbs: readonly string[]): V1PolicyRule {
  return { apiGroups: [apiGroup], resources: [...resources], verbs: [...verbs] };
}

/** Events (core/v1) and the leader-election Lease: every reconciler deployable needs both. */
export const COMMON_RULES: readonly V1PolicyRule[] = [
  rule('', ['events'], ['create', 'patch', 'update']),
  rule('coordination.k8s.io', ['leases'], ['get', 'create', 'update']),
];

export function clusterRole(name: string, rules: readonly V1PolicyRule[]): V1ClusterRole {
  return { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name }, rules: [...rules] };
}
