// The entry point loads no @kubernetes/client-node code (it takes seconds to load), nor RxJS or
// prom-client: the API server connection is imported lazily by `startDeployable`, or directly from
// `@grove/watch-sdk/api-server`; watches, informers, controllers and the manager have their own
// subpaths (`@grove/watch-sdk/watch`, `/informer`, `/controller`, `/manager`, `/writes`).
export {
  ConfigError,
  configOrExit,
  isDnsSubdomain,
  LOG_LEVELS,
  parseFlags,
  parseLogLevel,
  type Env,
  type FlagSpecs,
  type FlagValues,
  type LogLevel,
} from './flags.js';
export {
  parseControllerConfig,
  type ControllerConfig,
  type ControllerConfigOptions,
  type KubeconfigSource,
} from './controller-config.js';
export { runDeployable, startDeployable, type DeployableOptions, type ProcessHooks, type ReadyContext } from './deployable.js';
export { WorkQueue, type WorkQueueOptions } from './queue/work-queue.js';
export { FakeClock, systemClock, type Clock, type Timer } from './queue/clock.js';
export type { BackoffOptions } from './queue/backoff.js';
export type { InFlightWork, WorkQueueMetrics } from './queue/metrics.js';
export { keyString, objectKey, objectKeyString, parseKey, type ObjectKey } from './keys.js';
export { done, fail, requeueAfter, type ReconcileResult } from './controller/result.js';
export { isTerminal, ReconcileError, TerminalError } from './controller/errors.js';
export { expectationKey, ExpectationsStore, type ExpectationsStoreOptions } from './expectations/expectations-store.js';
