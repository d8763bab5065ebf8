/**
 * What the PodGang decisions read: one PodCliqueSet and its live children, as the PodCliqueSet
 * reconciler finds them in its cache (grove-spec §3.1–§3.2). Plain data, so every rule is a unit test.
 */
import type { ClusterTopologyBinding, PodClique, PodCliqueScalingGroup, PodCliqueSet } from '@grove/api';
import type { V1Pod } from '@kubernetes/client-node';

export interface GangWorld {
  readonly pcs: PodCliqueSet;
  /** Live PodCliques of this PCS from the cache (all replicas; some may be terminating). */
  readonly podCliques: readonly PodClique[];
  /** Live PodCliqueScalingGroups of this PCS from the cache. */
  readonly scalingGroups: readonly PodCliqueScalingGroup[];
  /** Live pods of this PCS from the cache. */
  readonly pods: readonly V1Pod[];
  /** The ClusterTopologyBinding named by the PCS's effective topologyName, when it exists. */
  readonly topology: ClusterTopologyBinding | undefined;
  readonly topologyAwareScheduling: boolean;
  /** Backend name for `grove.io/scheduler-name` when no clique podSpec sets schedulerName. */
  readonly defaultSchedulerName: string;
}
