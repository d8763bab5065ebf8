/**
 * Everything the podcliqueset-controller may do, and nothing more (grove-spec §9.3 narrowed to
 * what this deployable does): the e2e tests run it with exactly these rules.
 */
import type { V1PolicyRule } from '@kubernetes/client-node';
import { clusterRole, COMMON_RULES, READ, rule, WRITE } from '@grove/controller-kit';

export const RECONCILER_RULES: readonly V1PolicyRule[] = [
  rule('grove.io', ['podcliquesets'], [...READ, 'update', 'patch']),
  rule('grove.io', ['podcliquesets/status', 'podcliques/status', 'podcliquescalinggroups/status'], ['get', 'update', 'patch']),
  rule('grove.io', ['podcliques', 'podcliquescalinggroups'], [...READ, ...WRITE]),
  rule('grove.io', ['clustertopologybindings'], READ),
  rule('scheduler.grove.io', ['podgangs'], [...READ, ...WRITE]),
  rule('scheduler.grove.io', ['podgangs/status'], ['get', 'update', 'patch']),
  rule('', ['pods', 'services', 'serviceaccounts', 'secrets'], [...READ, ...WRITE]),
  // The pods' Role grants get/list/watch on pods and pods/status, and RBAC lets a controller grant
  // only what it holds itself: hence pods/status here, which the controller never reads.
  rule('', ['pods/status'], READ),
  rule('rbac.authorization.k8s.io', ['roles', 'rolebindings'], [...READ, ...WRITE]),
  ...COMMON_RULES,
];

/** The admission webhook registers itself and may keep its certificates in a Secret (covered above). */
export const WEBHOOK_RULES: readonly V1PolicyRule[] = [
  rule('admissionregistration.k8s.io', ['mutatingwebhookconfigurations', 'validatingwebhookconfigurations'], [...READ, ...WRITE]),
];

export function podCliqueSetControllerRole(name = 'grove-podcliqueset-controller') {
  return clusterRole(name, [...RECONCILER_RULES, ...WEBHOOK_RULES]);
}
