export { BASE_GANG_INDEX, cached, PART_OF_INDEX, partOf, watchWorld, World } from './world.js';
export { ensureScalable } from './ensure-scalable.js';
export { CACHE_CATCH_UP_MS, CONTINUE, onlyConflicts, POLL_MS, rejections, SAFETY_POLL_MS, soonest, toError, type StepOutcome } from './steps.js';
export { DEFAULT_WORKERS, parseReconcilerBasics, RECONCILER_FLAGS, type ReconcilerBasics } from './flags.js';
export { reconcilerRuntime, type ReconcilerRuntime, type RuntimeOptions } from './runtime.js';
export { clusterRole, COMMON_RULES, READ, rule, WRITE } from './rbac.js';
export { ensureFinalizer, releaseFinalizer } from './finalizers.js';
