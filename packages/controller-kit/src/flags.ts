/** The flags every Grove reconciler deployable takes beyond the SDK's: workers and leader election. */
import { ConfigError, isDnsSubdomain, type FlagValues } from '@grove/watch-sdk';

export const RECONCILER_FLAGS = {
  workers: { type: 'string' },
  'leader-election-namespace': { type: 'string' },
  namespace: { type: 'string' },
} as const;

export const DEFAULT_WORKERS = 4;

export interface ReconcilerBasics {
  /** Concurrent reconciles per controller. */
  readonly workers: number;
  /** Where the leader-election Lease lives; absent = no leader election (one replica). */
  readonly leaderElectionNamespace: string | undefined;
  /** Reconcile only this namespace; absent = all namespaces (the default, as Grove). */
  readonly namespace: string | undefined;
}

export function parseReconcilerBasics(flags: FlagValues<typeof RECONCILER_FLAGS>): ReconcilerBasics {
  const raw = flags.workers;
  const workers = raw === undefined ? DEFAULT_WORKERS : Number(raw);
  if (raw !== undefined && (!/^\d+$/.test(raw) || workers < 1 || workers > 64)) throw new ConfigError('--workers', `expected an integer 1-64, got '${raw}'`);
  const namespace = flags['leader-election-namespace'];
  if (namespace !== undefined && !isDnsSubdomain(namespace)) throw new ConfigError('--leader-election-namespace', `expected a namespace name, got '${namespace}'`);
  const watched = flags.namespace;
  if (watched !== undefined && !isDnsSubdomain(watched)) throw new ConfigError('--namespace', `expected a namespace name, got '${watched}'`);
  return { workers, leaderElectionNamespace: namespace, namespace: watched };
}
