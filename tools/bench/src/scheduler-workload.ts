/**
 * The workloads of the scheduler benchmark, generated from a seed. Pure: shapes in, gang specs out.
 *
 * The gang mix of workload (b) fills `fill` of all GPUs with three kinds, by share of the GPUs:
 * - 40 % in 16-pod gangs, 8 GPUs per pod, `required: topology.grove.io/block`;
 * - 35 % in 4-pod gangs, 8 GPUs per pod, `required: topology.grove.io/rack`;
 * - the rest in single-pod gangs of 1, 2, 4 or 8 GPUs (uniform), no constraint.
 * Whole gangs are rounded down, the singles take up the remainder exactly, and the gangs arrive in
 * a seeded random order (the order the pods are created in).
 */
import type { Random } from './scheduler-random.js';

export const BLOCK_LABEL = 'topology.grove.io/block';
export const RACK_LABEL = 'topology.grove.io/rack';

export type GangKind = 'block' | 'rack' | 'single';

export interface GangSpec {
  readonly name: string;
  readonly kind: GangKind;
  readonly pods: number;
  readonly gpusPerPod: number;
  /** Node label key all the gang's pods must share a value of. */
  readonly required?: string;
}

export interface MixShare {
  readonly block: number;
  readonly rack: number;
}

export const DEFAULT_MIX: MixShare = { block: 0.4, rack: 0.35 };
export const BLOCK_GANG = { pods: 16, gpusPerPod: 8 } as const;
export const RACK_GANG = { pods: 4, gpusPerPod: 8 } as const;
export const SINGLE_GPU_SIZES = [1, 2, 4, 8] as const;

const pad = (n: number) => String(n).padStart(4, '0');

function shaped(kind: GangKind, gpus: number): Omit<GangSpec, 'name'> {
  if (kind === 'block') return { kind, ...BLOCK_GANG, required: BLOCK_LABEL };
  if (kind === 'rack') return { kind, ...RACK_GANG, required: RACK_LABEL };
  return { kind, pods: 1, gpusPerPod: gpus };
}

/** Gangs of the mix asking for `round(fill × totalGpus)` GPUs, named `<prefix>-<kind>-<n>`. */
export function gangMix(totalGpus: number, fill: number, random: Random, prefix = 'g', mix: MixShare = DEFAULT_MIX): GangSpec[] {
  const target = Math.round(totalGpus * fill);
  const blockGpus = BLOCK_GANG.pods * BLOCK_GANG.gpusPerPod;
  const rackGpus = RACK_GANG.pods * RACK_GANG.gpusPerPod;
  const blocks = Math.floor((target * mix.block) / blockGpus);
  const racks = Math.floor((target * mix.rack) / rackGpus);
  const shapes: Omit<GangSpec, 'name'>[] = [
    ...Array.from({ length: blocks }, () => shaped('block', 8)),
    ...Array.from({ length: racks }, () => shaped('rack', 8)),
  ];
  for (let left = target - blocks * blockGpus - racks * rackGpus; left > 0; ) {
    const gpus = Math.min(random.pick(SINGLE_GPU_SIZES), left);
    shapes.push(shaped('single', gpus));
    left -= gpus;
  }
  return named(random.shuffle(shapes), prefix);
}

function named(shapes: readonly Omit<GangSpec, 'name'>[], prefix: string): GangSpec[] {
  const counters: Record<GangKind, number> = { block: 0, rack: 0, single: 0 };
  return shapes.map((s) => ({ ...s, name: `${prefix}-${s.kind}-${pad(counters[s.kind]++)}` }));
}

export interface ChurnPlan {
  readonly deleted: readonly GangSpec[];
  /** As many new gangs as were deleted, of exactly the deleted shapes, in a new random order. */
  readonly created: readonly GangSpec[];
}

/**
 * Workload (c): a seeded random `share` of the gangs goes, and new gangs of the same shapes come.
 * Asking for exactly what was freed means a gang left waiting is a placement (fragmentation)
 * outcome, never a capacity one.
 */
export function churnPlan(gangs: readonly GangSpec[], share: number, random: Random, prefix = 'c'): ChurnPlan {
  const deleted = random.shuffle(gangs).slice(0, Math.round(gangs.length * share));
  return { deleted, created: named(random.shuffle(deleted.map(({ name: _name, ...shape }) => shape)), prefix) };
}

export function podNames(gang: GangSpec): string[] {
  return Array.from({ length: gang.pods }, (_, i) => `${gang.name}-${String(i).padStart(2, '0')}`);
}

export function totalGpus(gangs: readonly GangSpec[]): number {
  return gangs.reduce((n, g) => n + g.pods * g.gpusPerPod, 0);
}

export function totalPods(gangs: readonly GangSpec[]): number {
  return gangs.reduce((n, g) => n + g.pods, 0);
}

/** `plain-00000` … : the pods of workload (a). */
export function plainPodNames(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `plain-${String(i).padStart(5, '0')}`);
}
