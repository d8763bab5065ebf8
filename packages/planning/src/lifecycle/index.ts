/**
 * Gang lifecycle of PodCliqueSets and PodCliqueScalingGroups (grove-spec §1.1, §1.3, §1.7, §2.4,
 * §4): breach maths, gang termination at both levels, member PodClique sync and status counts.
 */
export { EVER_HEALTHY_GRACE_MS, breachRemainingMs, everHealthy, everScheduled } from './breach.js';
export { podCliqueUpdated } from './podclique-updated.js';
export {
  decideReplicaTermination,
  gangTerminationInProgressCondition,
  type ReplicaTerminationDecision,
  type ReplicaTerminationInput,
} from './replica-termination.js';
export { pcsReplicaCounts, replicaAvailable, replicaUpdated, type PcsReplicaCounts, type PcsStatusInput } from './pcs-status.js';
export { scalingGroupStatus, type ScalingGroupStatusInput } from './scaling-group-status.js';
export { planMemberPodCliques, type MemberSyncInput, type MemberSyncPlan } from './scaling-group-members.js';
export {
  decideGroupReplicaTermination,
  type GroupTerminationDecision,
  type GroupTerminationInput,
} from './scaling-group-termination.js';
