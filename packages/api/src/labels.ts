/**
 * Every label and annotation key, label value, finalizer, scheduling gate, environment variable
 * name, condition type/reason and event reason of grove-spec §1.7–§1.8, written once. Code
 * elsewhere imports these: a Grove user's selectors and tooling keep working only if the strings
 * match Grove's byte for byte.
 */

/** Label keys (§1.8). */
export const LABEL = {
  managedBy: 'app.kubernetes.io/managed-by',
  partOf: 'app.kubernetes.io/part-of',
  name: 'app.kubernetes.io/name',
  component: 'app.kubernetes.io/component',
  podClique: 'grove.io/podclique',
  podGang: 'grove.io/podgang',
  basePodGang: 'grove.io/base-podgang',
  podCliqueSetReplicaIndex: 'grove.io/podcliqueset-replica-index',
  podCliqueScalingGroup: 'grove.io/podcliquescalinggroup',
  podCliqueScalingGroupReplicaIndex: 'grove.io/podcliquescalinggroup-replica-index',
  podCliquePodIndex: 'grove.io/podclique-pod-index',
  podTemplateHash: 'grove.io/pod-template-hash',
  schedulerName: 'grove.io/scheduler-name',
  mnnvlGroup: 'grove.io/mnnvl-group',
} as const;

/** The value of `app.kubernetes.io/managed-by` on every object Grove manages. */
export const MANAGED_BY_VALUE = 'grove-operator';

/** Values of `app.kubernetes.io/component`. */
export const COMPONENT = {
  pcsHeadlessService: 'pcs-headless-service',
  podRole: 'pod-role',
  podRoleBinding: 'pod-role-binding',
  podServiceAccount: 'pod-service-account',
  podServiceAccountTokenSecret: 'pod-sa-token-secret',
  pcsPodCliqueScalingGroup: 'pcs-podcliquescalinggroup',
  pcsHpa: 'pcs-hpa',
  podGang: 'podgang',
  /** A standalone PodClique. */
  pcsPodClique: 'pcs-podclique',
  /** A PodClique that belongs to a PodCliqueScalingGroup. */
  pcsgPodClique: 'pcsg-podclique',
  resourceClaim: 'resource-claim',
  pcsComputeDomain: 'pcs-computedomain',
} as const;

/** Annotation keys (§1.8), including the scheduler backends'. */
export const ANNOTATION = {
  disableManagedResourceProtection: 'grove.io/disable-managed-resource-protection',
  reconcileTrigger: 'grove.io/reconcile-trigger',
  topologyName: 'grove.io/topology-name',
  mnnvlGroup: 'grove.io/mnnvl-group',
  kaiQueue: 'kai.scheduler/queue',
  kaiSkipPodGrouper: 'kai.scheduler/skip-podgrouper',
  podGroupName: 'pod-group-name',
  volcanoQueue: 'scheduling.grove.io/volcano-queue',
} as const;

/** Finalizers (§1.8). */
export const FINALIZER = {
  podCliqueSet: 'grove.io/podcliqueset.grove.io',
  podClique: 'grove.io/podclique.grove.io',
  podCliqueScalingGroup: 'grove.io/podcliquescalinggroup.grove.io',
  computeDomain: 'grove.io/computedomain-finalizer',
} as const;

/** The scheduling gate every Grove pod is created with (§3.4). */
export const SCHEDULING_GATE = {
  podGangPendingCreation: 'grove.io/podgang-pending-creation',
} as const;

/** Env vars injected into user containers, in injection order (§1.8). */
export const POD_ENV = {
  pcsName: 'GROVE_PCS_NAME',
  pcsIndex: 'GROVE_PCS_INDEX',
  pclqName: 'GROVE_PCLQ_NAME',
  headlessService: 'GROVE_HEADLESS_SERVICE',
  pclqPodIndex: 'GROVE_PCLQ_POD_INDEX',
  /** PodCliqueScalingGroup members only (the PCSG FQN without its replica index). */
  pcsgName: 'GROVE_PCSG_NAME',
  /** PodCliqueScalingGroup members only. */
  pcsgTemplateNumPods: 'GROVE_PCSG_TEMPLATE_NUM_PODS',
  /** PodCliqueScalingGroup members only. */
  pcsgIndex: 'GROVE_PCSG_INDEX',
} as const;

/** Env vars the operator itself reads (§1.8). */
export const OPERATOR_ENV = {
  initContainerImage: 'GROVE_INIT_CONTAINER_IMAGE',
  operatorServiceAccountName: 'GROVE_OPERATOR_SERVICE_ACCOUNT_NAME',
} as const;

/** Condition types (§1.7, and PodGang's reserved ones of §1.5). */
export const CONDITION_TYPE = {
  podCliqueScheduled: 'PodCliqueScheduled',
  minAvailableBreached: 'MinAvailableBreached',
  gangTerminationInProgress: 'GangTerminationInProgress',
  topologyLevelsUnavailable: 'TopologyLevelsUnavailable',
  schedulerTopologyDrift: 'SchedulerTopologyDrift',
  podGangInitialized: 'Initialized',
  podGangScheduled: 'Scheduled',
  podGangReady: 'Ready',
  podGangUnhealthy: 'Unhealthy',
  podGangDisruptionTarget: 'DisruptionTarget',
} as const;

/** Condition reasons (§1.7), grouped by the condition that uses them. */
export const CONDITION_REASON = {
  podCliqueScheduled: {
    sufficientScheduledPods: 'SufficientScheduledPods',
    insufficientScheduledPods: 'InsufficientScheduledPods',
  },
  minAvailableBreached: {
    updateInProgress: 'UpdateInProgress',
    scheduledReplicasBelowMinAvailable: 'ScheduledReplicasBelowMinAvailable',
    insufficientReadyPods: 'InsufficientReadyPods',
    sufficientReadyPods: 'SufficientReadyPods',
    insufficientAvailablePcsgReplicas: 'InsufficientAvailablePodCliqueScalingGroupReplicas',
    sufficientAvailablePcsgReplicas: 'SufficientAvailablePodCliqueScalingGroupReplicas',
  },
  gangTerminationInProgress: { gangTerminationActive: 'GangTerminationActive' },
  topologyLevelsUnavailable: {
    allLevelsAvailable: 'AllClusterTopologyLevelsAvailable',
    levelsUnavailable: 'ClusterTopologyLevelsUnavailable',
    topologyNotFound: 'ClusterTopologyNotFound',
    topologyNameMissing: 'TopologyNameMissing',
    topologyAwareSchedulingDisabled: 'TopologyAwareSchedulingDisabled',
  },
  schedulerTopologyDrift: { inSync: 'InSync', drift: 'Drift', topologyNotFound: 'TopologyNotFound' },
  podGangInitialized: {
    podsCreationPending: 'PodGangPodsCreationPending',
    podsCreated: 'PodGangPodsCreated',
  },
} as const;

/** Event reasons (§1.8). */
export const EVENT_REASON = {
  podCreateSuccessful: 'PodCreateSuccessful',
  podCreateFailed: 'PodCreateFailed',
  podDeleteSuccessful: 'PodDeleteSuccessful',
  podDeleteFailed: 'PodDeleteFailed',
  podCliqueCreateSuccessful: 'PodCliqueCreateSuccessful',
  podCliqueCreateFailed: 'PodCliqueCreateFailed',
  podCliqueCreateOrUpdateSuccessful: 'PodCliqueCreateOrUpdateSuccessful',
  podCliqueCreateOrUpdateFailed: 'PodCliqueCreateOrUpdateFailed',
  podCliqueDeleteSuccessful: 'PodCliqueDeleteSuccessful',
  podCliqueDeleteFailed: 'PodCliqueDeleteFailed',
  allScheduledReplicasLost: 'AllScheduledReplicasLost',
  pcsgCreateSuccessful: 'PodCliqueScalingGroupCreateSuccessful',
  pcsgCreateOrUpdateFailed: 'PodCliqueScalingGroupCreateOrUpdateFailed',
  pcsgDeleteSuccessful: 'PodCliqueScalingGroupDeleteSuccessful',
  pcsgDeleteFailed: 'PodCliqueScalingGroupDeleteFailed',
  pcsgReplicaDeleteSuccessful: 'PodCliqueScalingGroupReplicaDeleteSuccessful',
  pcsgReplicaDeleteFailed: 'PodCliqueScalingGroupReplicaDeleteFailed',
  podGangCreateOrUpdateSuccessful: 'PodGangCreateOrUpdateSuccessful',
  podGangCreateOrUpdateFailed: 'PodGangCreateOrUpdateFailed',
  podGangDeleteSuccessful: 'PodGangDeleteSuccessful',
  podGangDeleteFailed: 'PodGangDeleteFailed',
  pcsReplicaDeleteSuccessful: 'PodCliqueSetReplicaDeleteSuccessful',
  pcsReplicaDeleteFailed: 'PodCliqueSetReplicaDeleteFailed',
  topologyInSync: 'TopologyInSync',
  topologyDriftDetected: 'TopologyDriftDetected',
  computeDomainCreateSuccessful: 'ComputeDomainCreateSuccessful',
  computeDomainCreateFailed: 'ComputeDomainCreateFailed',
  computeDomainDeleteSuccessful: 'ComputeDomainDeleteSuccessful',
  computeDomainDeleteFailed: 'ComputeDomainDeleteFailed',
  kaiBackendMappingFailed: 'KAIBackendMappingFailed',
  volcanoCapabilityUnavailable: 'VolcanoCapabilityUnavailable',
} as const;

/** The labels on every object a PodCliqueSet manages; the PCS is always found from `part-of`. */
export function defaultLabels(pcsName: string): Record<string, string> {
  return { [LABEL.managedBy]: MANAGED_BY_VALUE, [LABEL.partOf]: pcsName };
}

/** `k=v,k=v` in the given order: the form of `status.hpaPodSelector` and `status.selector`. */
export function selectorString(labels: Readonly<Record<string, string>>): string {
  return Object.entries(labels)
    .map(([key, value]) => `${key}=${value}`)
    .join(',');
}

/** PodCliqueSet `status.hpaPodSelector` (§1.1). */
export function podCliqueSetSelector(pcsName: string): string {
  return selectorString(defaultLabels(pcsName));
}

/** Standalone PodClique `status.hpaPodSelector` (§1.2). */
export function podCliqueSelector(pcsName: string, podCliqueName: string): string {
  return selectorString({ ...defaultLabels(pcsName), [LABEL.podClique]: podCliqueName });
}

/** PodCliqueScalingGroup `status.selector` (§1.3). */
export function podCliqueScalingGroupSelector(pcsName: string, pcsgName: string): string {
  return selectorString({ ...defaultLabels(pcsName), [LABEL.podCliqueScalingGroup]: pcsgName });
}
