/**
 * Ready pods per dependency, fed by the events of one list-then-watch stream of the gang's pods.
 *
 * The state is the set of Ready pod names of each dependency: a pod joins on Ready=True and leaves
 * when it turns not-Ready, starts terminating (a pod with a `deletionTimestamp` is on its way out,
 * whatever its condition says) or is deleted. A replacement pod has a new name and joins on its
 * own. A `LIST` (the first list, and every relist after a watch expired or the API server
 * restarted) replaces the whole state, which is how deletions missed while disconnected drop out.
 */
import type { WatchEvent } from '@grove/watch-sdk/watch';
import { attributePod } from './attribution.js';

/** The part of a Pod the gate reads. */
export interface GatePod {
  metadata?: {
    name?: string;
    labels?: Record<string, string>;
    deletionTimestamp?: unknown;
  };
  status?: { conditions?: readonly { type: string; status: string }[] };
}

export interface DependencyCount {
  readonly fqn: string;
  readonly minAvailable: number;
  readonly ready: number;
}

/** Ready=True and not terminating. */
export function isCountable(pod: GatePod): boolean {
  const deletion = pod.metadata?.deletionTimestamp;
  if (deletion !== undefined && deletion !== null) return false;
  return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

export class ReadinessTracker {
  private readonly ready = new Map<string, Set<string>>();
  private readonly fqns: ReadonlySet<string>;

  constructor(private readonly dependencies: readonly { fqn: string; minAvailable: number }[]) {
    for (const { fqn } of dependencies) this.ready.set(fqn, new Set());
    this.fqns = new Set(this.ready.keys());
  }

  /** Applies one stream event; returns whether any count changed. */
  apply(event: WatchEvent<GatePod>): boolean {
    const before = this.signature();
    if (event.type === 'LIST') {
      for (const names of this.ready.values()) names.clear();
      for (const pod of event.items) this.update(pod, true);
    } else {
      this.update(event.object, event.type !== 'DELETED');
    }
    return this.signature() !== before;
  }

  counts(): DependencyCount[] {
    return this.dependencies.map(({ fqn, minAvailable }) => ({ fqn, minAvailable, ready: this.ready.get(fqn)?.size ?? 0 }));
  }

  /** Every dependency has at least its count of Ready pods. */
  satisfied(): boolean {
    return this.counts().every((c) => c.ready >= c.minAvailable);
  }

  private update(pod: GatePod, present: boolean): void {
    const name = pod.metadata?.name;
    if (name === undefined) return;
    const fqn = attributePod({ name, labels: pod.metadata?.labels }, this.fqns);
    if (fqn === undefined) return;
    const names = this.ready.get(fqn);
    if (present && isCountable(pod)) names?.add(name);
    else names?.delete(name);
  }

  private signature(): string {
    return this.counts().map((c) => c.ready).join(',');
  }
}
