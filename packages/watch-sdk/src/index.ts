// The entry point loads no @kubernetes/client-node code (it takes seconds to load): the API server
// connection is imported lazily by `startDeployable`, or directly from `@grove/watch-sdk/api-server`.
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
