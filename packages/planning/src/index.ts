/**
 * @grove/planning: the decisions of Grove's controllers as pure functions. Reconcilers read the
 * world from their caches, call these, and write the difference; everything here is plain data in,
 * plain data out, so every rule of grove-spec is a table-driven unit test.
 */
export * from './conditions.js';
export * from './template.js';
export * from './identity.js';
export * from './children/index.js';
export * from './podgang/index.js';
export * from './lifecycle/index.js';
export * from './updates/index.js';
export {
  allScheduledReplicasLost,
  buildPod,
  carriesGroveGate,
  freePodIndices,
  hasErroneousExit,
  INIT_CONTAINER,
  isActive,
  isFinished,
  isReady,
  isScheduleGated,
  isScheduled,
  isStartedNotReady,
  isTerminating,
  orderScaleInVictims,
  planPodScale,
  podCliquesArg,
  podCliqueStatus,
  podHealth,
  PodIndexConflictError,
  podIndexOf,
  podTemplateHashOf,
  type PodBuildInput,
  type PodCliqueStatusInput,
  type PodHealth,
  type ScaleInput,
  type ScalePlan,
} from './pods/index.js';
