/** Everything the podgang-scheduler may do, and nothing more: the e2e tests run it with exactly these rules. */
import type { V1PolicyRule } from '@kubernetes/client-node';
import { clusterRole, COMMON_RULES, READ, rule } from '@grove/controller-kit';

export const SCHEDULER_RULES: readonly V1PolicyRule[] = [
  // The snapshot: every node and every pod books capacity, whoever scheduled it.
  rule('', ['nodes'], READ),
  rule('', ['pods'], READ),
  rule('', ['pods/binding'], ['create']),
  // PodScheduled=False/Unschedulable on pods that do not fit.
  rule('', ['pods/status'], ['patch', 'update']),
  rule('scheduler.grove.io', ['podgangs'], READ),
  rule('scheduler.grove.io', ['podgangs/status'], ['get', 'update', 'patch']),
  rule('scheduling.k8s.io', ['priorityclasses'], READ),
  // Events (Scheduled, FailedScheduling) and the leader-election Lease.
  ...COMMON_RULES,
];

export function podGangSchedulerRole(name = 'grove-podgang-scheduler') {
  return clusterRole(name, SCHEDULER_RULES);
}
