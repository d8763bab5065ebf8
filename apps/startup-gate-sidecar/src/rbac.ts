/**
 * The least privilege the gate runs with: read pods in its own namespace, nothing else. The operator
 * grants it through the PodCliqueSet's Role (grove-spec §2.2, `pod-rbac.ts` in @grove/planning); the
 * integration tests bind exactly these rules, so a gate that needs more fails there first.
 */
import type { V1PolicyRule, V1Role } from '@kubernetes/client-node';

export const STARTUP_GATE_RULES: readonly V1PolicyRule[] = [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] }];

export function startupGateRole(name: string, namespace: string): V1Role {
  return { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name, namespace }, rules: STARTUP_GATE_RULES.map((r) => ({ ...r })) };
}
