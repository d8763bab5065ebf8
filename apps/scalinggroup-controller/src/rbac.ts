/** Everything the scalinggroup-controller may do, and nothing more: the e2e tests run it with exactly these rules. */
import type { V1PolicyRule } from '@kubernetes/client-node';
import { clusterRole, COMMON_RULES, READ, rule, WRITE } from '@grove/controller-kit';

export const RECONCILER_RULES: readonly V1PolicyRule[] = [
  rule('grove.io', ['podcliquesets'], READ),
  rule('grove.io', ['podcliquescalinggroups'], [...READ, 'update', 'patch']),
  rule('grove.io', ['podcliquescalinggroups/status'], ['get', 'update', 'patch']),
  rule('grove.io', ['podcliques'], [...READ, ...WRITE]),
  ...COMMON_RULES,
];

export function scalingGroupControllerRole(name = 'grove-scalinggroup-controller') {
  return clusterRole(name, RECONCILER_RULES);
}
