// The podcliqueset-controller's flags: the ones every controller shares (see @grove/watch-sdk) and the
// admission webhook's (see webhook/options.ts).
import { parseControllerConfig, type ControllerConfig, type Env } from '@grove/watch-sdk';
import { parseWebhookFlags, WEBHOOK_FLAGS, type WebhookConfig } from './webhook/options.js';

export const DEFAULT_HEALTH_PORT = 8081;

export type Config = ControllerConfig & {
  /** Absent when neither --webhook-url nor --webhook-service is given. */
  readonly webhook: WebhookConfig | undefined;
};

export function parseConfig(argv: readonly string[], env: Env): Config {
  return parseControllerConfig(argv, env, {
    defaultHealthPort: DEFAULT_HEALTH_PORT,
    extraFlags: WEBHOOK_FLAGS,
    extra: (flags) => ({ webhook: parseWebhookFlags(flags) }),
  });
}
