/**
 * Pods of a PodClique (grove-spec §1.2, §1.7, §1.8, §2.1, §2.3, §5): how pods are categorised,
 * built, numbered, scaled and summed up into the PodClique's status.
 */
export {
  carriesGroveGate,
  hasErroneousExit,
  isActive,
  isFinished,
  isReady,
  isScheduleGated,
  isScheduled,
  isStartedNotReady,
  isTerminating,
  podHealth,
  podTemplateHashOf,
  type PodHealth,
} from './categories.js';
// StartupDependency (pod-builder.ts) is left out: children/ exports the same shape under that name.
export { buildPod, type PodBuildInput } from './pod-builder.js';
export { INIT_CONTAINER, podCliquesArg } from './init-container.js';
export { freePodIndices, podIndexOf, PodIndexConflictError } from './indices.js';
export { orderScaleInVictims, planPodScale, type ScaleInput, type ScalePlan } from './scale.js';
export { allScheduledReplicasLost, podCliqueStatus, type PodCliqueStatusInput } from './podclique-status.js';
