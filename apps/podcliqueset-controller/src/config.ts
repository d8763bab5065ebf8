// The podcliqueset-controller's flags: only the ones every controller shares (see @grove/watch-sdk); its own go here.
import { parseControllerConfig, type ControllerConfig, type Env } from '@grove/watch-sdk';

export const DEFAULT_HEALTH_PORT = 8081;

export type Config = ControllerConfig;

export function parseConfig(argv: readonly string[], env: Env): Config {
  return parseControllerConfig(argv, env, { defaultHealthPort: DEFAULT_HEALTH_PORT });
}
