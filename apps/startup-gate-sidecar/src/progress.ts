/** What the gate says while it waits: which dependencies are still short, and by how many. */
import type { DependencyCount } from './readiness.js';

export interface Shortfall {
  readonly fqn: string;
  readonly ready: number;
  readonly minAvailable: number;
  readonly missing: number;
}

export function shortfalls(counts: readonly DependencyCount[]): Shortfall[] {
  return counts.filter((c) => c.ready < c.minAvailable).map((c) => ({ ...c, missing: c.minAvailable - c.ready }));
}

/** `waiting for a-0-x (1/3 ready, 2 more), a-0-y (0/1 ready, 1 more)`, or `all dependencies ready`. */
export function progressText(counts: readonly DependencyCount[]): string {
  const short = shortfalls(counts);
  if (short.length === 0) return 'all dependencies ready';
  const parts = short.map((s) => `${s.fqn} (${s.ready}/${s.minAvailable} ready, ${s.missing} more)`);
  return `waiting for ${parts.join(', ')}`;
}
