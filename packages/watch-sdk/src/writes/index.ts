export {
  ObjectWriter,
  type ApplyOptions,
  type ApplyResult,
  type DeleteOptions,
  type JsonPatchOperation,
  type ObjectWriterOptions,
} from './object-writer.js';
export { retryOnConflict, type ConflictRetryOptions } from './retry-on-conflict.js';
export { isConflict, KubeApiError, type KubeApiErrorCode } from '../http/kube-request.js';
export { EventRecorder, type CoreEvent, type EventRecorderOptions, type EventSink, type EventType, type InvolvedObject } from './event-recorder.js';
export { kubeEventSink } from './kube-event-sink.js';
export { addFinalizerPatch, controllerOf, controllerReference, hasFinalizer, isControlledBy, removeFinalizerPatch } from './ownership.js';
export { containsDesired } from './drift.js';
export { ChildWriter, DESIRED_HASH_ANNOTATION, desiredHash, type EnsureOptions, type EnsureResult } from './child-writer.js';
