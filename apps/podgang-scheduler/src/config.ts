// The podgang-scheduler's flags: the ones every controller shares (see @grove/watch-sdk) plus its
// scheduler name.
import { ConfigError, isDnsSubdomain, parseControllerConfig, type ControllerConfig, type Env } from '@grove/watch-sdk';

export const DEFAULT_HEALTH_PORT = 8083;
export const DEFAULT_SCHEDULER_NAME = 'podgang-scheduler';

export interface Config extends ControllerConfig {
  /** Pods with this `spec.schedulerName` are ours. */
  schedulerName: string;
}

const SCHEDULER_FLAGS = {
  'scheduler-name': { type: 'string' },
} as const;

function parseSchedulerName(raw: string | undefined): string {
  const name = raw ?? DEFAULT_SCHEDULER_NAME;
  if (!isDnsSubdomain(name)) {
    throw new ConfigError('--scheduler-name', `expected a DNS subdomain name, got '${name}'`);
  }
  return name;
}

/** Flags win over the environment (`KUBECONFIG`, `LOG_LEVEL`, `KUBERNETES_SERVICE_HOST`). */
export function parseConfig(argv: readonly string[], env: Env): Config {
  return parseControllerConfig(argv, env, {
    defaultHealthPort: DEFAULT_HEALTH_PORT,
    extraFlags: SCHEDULER_FLAGS,
    extra: (flags) => ({ schedulerName: parseSchedulerName(flags['scheduler-name']) }),
  });
}
