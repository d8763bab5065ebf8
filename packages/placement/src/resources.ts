/** Small arithmetic and formatting helpers over resource maps (base units, see model.ts). */
import type { Resources } from './model.js';

export const POD_SLOT = 'pods';

export function addInto(target: Record<string, number>, add: Resources, sign: 1 | -1): void {
  for (const [name, amount] of Object.entries(add)) target[name] = (target[name] ?? 0) + sign * amount;
}

/** What a pod uses on its node: its requests plus one pod slot. */
export function podSlotUsage(requests: Resources): Resources {
  return { ...requests, [POD_SLOT]: (requests[POD_SLOT] ?? 0) + 1 };
}

/** A pod's usage as a flat list (zero amounts dropped), the form the hot feasibility loop reads. */
export type UsageEntries = readonly (readonly [string, number])[];

export function usageEntries(requests: Resources): UsageEntries {
  return Object.entries(podSlotUsage(requests)).filter(([, amount]) => amount > 0);
}

/** Sums usage entries (a group's demand). */
export function sumEntries(all: readonly UsageEntries[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const entries of all) for (const [name, amount] of entries) out[name] = (out[name] ?? 0) + amount;
  return out;
}

/**
 * How many times `demand` fits in `free`, counting only the scarcest resource: the "bottleneck
 * ratio". Pod slots count only when nothing else is requested (else they would dominate small pods).
 */
export function bottleneck(free: (name: string) => number, demand: UsageEntries): number {
  let ratio = Infinity;
  for (const [name, amount] of demand) {
    if (name === POD_SLOT && demand.length > 1) continue;
    ratio = Math.min(ratio, free(name) / amount);
  }
  return ratio;
}

const CORE = new Set(['cpu', 'memory', 'ephemeral-storage', POD_SLOT]);
const BINARY_UNITS: readonly (readonly [string, number])[] = [
  ['Ti', 2 ** 40],
  ['Gi', 2 ** 30],
  ['Mi', 2 ** 20],
  ['Ki', 2 ** 10],
];

/** An amount as a person writes it: `500m` / `4` CPU, `64Gi` memory, `8` GPUs. */
export function formatAmount(name: string, amount: number): string {
  if (name === 'cpu') return amount % 1000 === 0 ? String(amount / 1000) : `${amount}m`;
  if (name === 'memory' || name === 'ephemeral-storage') {
    const unit = BINARY_UNITS.find(([, size]) => amount >= size && amount % size === 0);
    return unit ? `${amount / unit[1]}${unit[0]}` : String(amount);
  }
  return String(amount);
}

/**
 * The requests worth naming in a message: the extended resources (GPUs, …) when there are any, else
 * cpu and memory. E.g. `nvidia.com/gpu: 8`.
 */
export function describeRequests(requests: Resources): string {
  const named = Object.entries(requests).filter(([, amount]) => amount > 0);
  const extended = named.filter(([name]) => !CORE.has(name));
  const shown = extended.length > 0 ? extended : named.filter(([name]) => name === 'cpu' || name === 'memory');
  return shown.map(([name, amount]) => `${name}: ${formatAmount(name, amount)}`).join(', ');
}

/** The last segment of a label key, for prose: `topology.grove.io/rack` → `rack`. */
export function shortKey(key: string): string {
  return key.slice(key.lastIndexOf('/') + 1);
}
