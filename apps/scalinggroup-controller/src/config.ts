// The scalinggroup-controller's flags: the ones every controller shares (see @grove/watch-sdk) and
// every reconciler deployable's (workers, leader election; see @grove/controller-kit).
import { parseReconcilerBasics, RECONCILER_FLAGS, type ReconcilerBasics } from '@grove/controller-kit';
import { parseControllerConfig, type ControllerConfig, type Env } from '@grove/watch-sdk';

export const DEFAULT_HEALTH_PORT = 8082;

export type Config = ControllerConfig & { readonly reconcilers: ReconcilerBasics };

export function parseConfig(argv: readonly string[], env: Env): Config {
  return parseControllerConfig(argv, env, {
    defaultHealthPort: DEFAULT_HEALTH_PORT,
    extraFlags: RECONCILER_FLAGS,
    extra: (flags) => ({ reconcilers: parseReconcilerBasics(flags) }),
  });
}
