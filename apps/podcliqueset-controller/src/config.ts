// The podcliqueset-controller's flags: the ones every controller shares (see @grove/watch-sdk), the
// reconcilers' (controllers/options.ts) and the admission webhook's (webhook/options.ts).
import { parseControllerConfig, type ControllerConfig, type Env } from '@grove/watch-sdk';
import { CONTROLLER_FLAGS, parseReconcilerFlags, type ReconcilerConfig } from './controllers/options.js';
import { parseWebhookFlags, WEBHOOK_FLAGS, type WebhookConfig } from './webhook/options.js';

export const DEFAULT_HEALTH_PORT = 8081;

export type Config = ControllerConfig & {
  readonly reconcilers: ReconcilerConfig;
  /** Absent when neither --webhook-url nor --webhook-service is given. */
  readonly webhook: WebhookConfig | undefined;
};

export function parseConfig(argv: readonly string[], env: Env): Config {
  return parseControllerConfig(argv, env, {
    defaultHealthPort: DEFAULT_HEALTH_PORT,
    extraFlags: { ...WEBHOOK_FLAGS, ...CONTROLLER_FLAGS },
    extra: (flags) => ({ reconcilers: parseReconcilerFlags(flags), webhook: parseWebhookFlags(flags) }),
  });
}
