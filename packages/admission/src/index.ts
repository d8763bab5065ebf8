// @grove/admission: Grove's admission rules that CEL cannot express, as pure functions over plain
// data. The webhook server (apps/podcliqueset-controller) decodes requests, looks up what the rules
// need (the ClusterTopologyBinding, the enabled schedulers) and turns results into responses.
export { aggregateMessage, formatFieldError, type FieldError, type FieldErrorType, type RuleResult } from './field-errors.js';
export { FieldPath } from './field-path.js';
export { applyJsonPatch, jsonPatch, type JsonPatchOperation, type JsonValue } from './json-patch.js';
export {
  DEFAULT_SCHEDULER_NAME,
  KNOWN_SCHEDULER_BACKENDS,
  schedulerCatalog,
  type PodCliqueSetContext,
  type SchedulerBackend,
  type SchedulerCatalog,
  type TopologyLookup,
} from './context.js';
export { defaultPodCliqueSet, type DefaultingOptions } from './podcliqueset/defaults.js';
export { podCliqueSetShapeErrors } from './podcliqueset/shape.js';
export { effectiveTopologyName } from './podcliqueset/topology-sites.js';
export { validatePodCliqueSet, type PodCliqueSetReview } from './podcliqueset/validate.js';
export { validateClusterTopologyBinding } from './clustertopology/validate.js';
