/** The built-in kinds Grove's controllers read and write, as {@link WatchResource}s. */
import type { WatchResource } from './resource.js';

const core = (plural: string): WatchResource => ({ group: '', version: 'v1', plural, namespaced: true });
const rbac = (plural: string): WatchResource => ({ group: 'rbac.authorization.k8s.io', version: 'v1', plural, namespaced: true });

export const BUILTIN = {
  pods: core('pods'),
  services: core('services'),
  serviceAccounts: core('serviceaccounts'),
  secrets: core('secrets'),
  events: core('events'),
  nodes: { group: '', version: 'v1', plural: 'nodes', namespaced: false },
  roles: rbac('roles'),
  roleBindings: rbac('rolebindings'),
  horizontalPodAutoscalers: { group: 'autoscaling', version: 'v2', plural: 'horizontalpodautoscalers', namespaced: true },
  leases: { group: 'coordination.k8s.io', version: 'v1', plural: 'leases', namespaced: true },
  priorityClasses: { group: 'scheduling.k8s.io', version: 'v1', plural: 'priorityclasses', namespaced: false },
} as const satisfies Record<string, WatchResource>;
