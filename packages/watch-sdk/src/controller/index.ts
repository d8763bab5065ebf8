export { Controller, type ControllerLogger, type ControllerOptions, type Reconcile, type ReconcileContext, type Syncable } from './controller.js';
export { generationChanged, generationOrDeletionChanged, toMappedKeys, toObjectKeys, toOwnerKeys } from './handlers.js';
export { done, fail, requeueAfter, type ReconcileResult } from './result.js';
export { inStep } from './trace.js';
export { isTerminal, ReconcileError, TerminalError } from './errors.js';
export { noopControllerMetrics, type ControllerMetrics, type ReconcileOutcome } from './metrics.js';
export { keyString, objectKey, objectKeyString, parseKey, type ObjectKey } from '../keys.js';
export { expectationKey, ExpectationsStore, type ExpectationsStoreOptions } from '../expectations/expectations-store.js';
