/**
 * Rolling updates (grove-spec §6): the PCS generation hash, the replica-by-replica orchestration,
 * the PodClique and PodCliqueScalingGroup rolling recreates, and the progress fields they report.
 */
export { planGenerationHash, type GenerationHashStep } from './generation.js';
export {
  currentlyUpdatingReplica,
  isRollingUpdateInProgress,
  mayReplaceInReplica,
  planPcsRollout,
  replicaDoneUpdating,
  type PcsRolloutInput,
} from './pcs-rollout.js';
export { convergedHashes, planPodCliqueRollout, type PodCliqueRolloutInput, type PodCliqueRolloutPlan } from './podclique-rollout.js';
export { planScalingGroupRollout, type ScalingGroupRolloutInput, type ScalingGroupRolloutPlan } from './scaling-group-rollout.js';
export { scalingGroupConvergedHash, scalingGroupProgressCounts } from './scaling-group-progress.js';
