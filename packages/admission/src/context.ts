/**
 * What the rules know about the world besides the object itself, passed in as plain data: the
 * webhook handler reads the ClusterTopologyBinding and the operator configuration and hands them
 * over, so every rule stays a pure function.
 */
import type { TopologyLevel } from '@grove/api';

/** A scheduler backend the operator has enabled. */
export interface SchedulerBackend {
  readonly name: string;
  /** Whether it packs by topology (and so may be bound in a ClusterTopologyBinding). */
  readonly topologyAware: boolean;
}

export interface SchedulerCatalog {
  readonly enabled: readonly SchedulerBackend[];
  /** What an empty `podSpec.schedulerName` resolves to. */
  readonly defaultName: string;
}

/** The backends Grove knows (grove-spec §3.5), plus this project's own gang scheduler. */
export const KNOWN_SCHEDULER_BACKENDS: readonly SchedulerBackend[] = [
  { name: 'default-scheduler', topologyAware: false },
  { name: 'kai-scheduler', topologyAware: true },
  { name: 'volcano', topologyAware: false },
  { name: 'lpx-scheduler', topologyAware: false },
  { name: 'podgang-scheduler', topologyAware: true },
];

export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';

/** The catalog for a list of enabled names; `default-scheduler` is always enabled, as in Grove. */
export function schedulerCatalog(enabledNames: readonly string[], defaultName = DEFAULT_SCHEDULER_NAME): SchedulerCatalog {
  const names = new Set([DEFAULT_SCHEDULER_NAME, ...enabledNames]);
  const enabled = [...names].map((name) => KNOWN_SCHEDULER_BACKENDS.find((b) => b.name === name) ?? { name, topologyAware: false });
  return { enabled, defaultName };
}

/** The ClusterTopologyBinding a PodCliqueSet's constraints name, as the handler found it. */
export type TopologyLookup =
  /** The object has no constraint with a resolvable name (nothing was looked up). */
  | { readonly kind: 'none' }
  | { readonly kind: 'found'; readonly name: string; readonly levels: readonly TopologyLevel[] }
  | { readonly kind: 'not-found'; readonly name: string };

export interface PodCliqueSetContext {
  /** `topologyAwareScheduling.enabled` of the operator: when off, new constraints are refused. */
  readonly topologyAwareScheduling: boolean;
  /** `network.autoMNNVLEnabled` of the operator: when off, MNNVL group annotations are refused. */
  readonly autoMnnvl?: boolean;
  readonly topology: TopologyLookup;
  readonly schedulers: SchedulerCatalog;
}
