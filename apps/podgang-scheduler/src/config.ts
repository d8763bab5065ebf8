// The podgang-scheduler's flags: the ones every controller shares (see @grove/watch-sdk), its
// scheduler name, and where its leader-election Lease lives.
import { ConfigError, isDnsSubdomain, parseControllerConfig, type ControllerConfig, type Env } from '@grove/watch-sdk';

export const DEFAULT_HEALTH_PORT = 8083;
export const DEFAULT_SCHEDULER_NAME = 'podgang-scheduler';

export interface Config extends ControllerConfig {
  /** Pods with this `spec.schedulerName` are ours. */
  schedulerName: string;
  /** Where the Lease `podgang-scheduler-<schedulerName>` lives; absent = no leader election (one replica). */
  leaderElectionNamespace: string | undefined;
}

const SCHEDULER_FLAGS = {
  'scheduler-name': { type: 'string' },
  'leader-election-namespace': { type: 'string' },
} as const;

function parseSchedulerName(raw: string | undefined): string {
  const name = raw ?? DEFAULT_SCHEDULER_NAME;
  if (!isDnsSubdomain(name)) {
    throw new ConfigError('--scheduler-name', `expected a DNS subdomain name, got '${name}'`);
  }
  return name;
}

function parseLeaseNamespace(raw: string | undefined): string | undefined {
  if (raw !== undefined && !isDnsSubdomain(raw)) throw new ConfigError('--leader-election-namespace', `expected a namespace name, got '${raw}'`);
  return raw;
}

/** Flags win over the environment (`KUBECONFIG`, `LOG_LEVEL`, `KUBERNETES_SERVICE_HOST`). */
export function parseConfig(argv: readonly string[], env: Env): Config {
  return parseControllerConfig(argv, env, {
    defaultHealthPort: DEFAULT_HEALTH_PORT,
    extraFlags: SCHEDULER_FLAGS,
    extra: (flags) => ({
      schedulerName: parseSchedulerName(flags['scheduler-name']),
      leaderElectionNamespace: parseLeaseNamespace(flags['leader-election-namespace']),
    }),
  });
}
