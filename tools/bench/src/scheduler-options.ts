/**
 * Command line of the scheduler benchmark. Pure: argv in, a validated plan out.
 *
 * The default is the full configuration of issue 7 (1,024 nodes = 4 blocks × 8 racks × 32 hosts,
 * 8 GPUs, 96 CPU, 1Ti each; 10,000 plain pods; a gang mix at 80 % of the GPUs; 20 % churn).
 * `--small` is the development shape: 2 blocks × 2 racks × 16 hosts (64 nodes), 1,000 plain pods.
 */
import { parseArgs } from 'node:util';

export const SCHEDULERS = ['kube', 'podgang'] as const;
export type SchedulerId = (typeof SCHEDULERS)[number];

export interface ClusterShape {
  readonly blocks: number;
  readonly racksPerBlock: number;
  readonly hostsPerRack: number;
  readonly gpusPerNode: number;
  readonly cpuPerNode: number;
  readonly memoryPerNode: string;
}

export interface BenchOptions {
  readonly shape: ClusterShape;
  /** Pods of workload (a); 0 skips it. */
  readonly plainPods: number;
  /** Share of all GPUs the gang mix of workload (b) asks for; 0 skips (b) and (c). */
  readonly gpuFill: number;
  /** Share of gangs deleted and recreated in workload (c); 0 skips it. */
  readonly churn: number;
  /** Run workload (c) with kube-scheduler as well (it has no gang to keep whole, so it is optional). */
  readonly churnKube: boolean;
  readonly seed: number;
  readonly schedulers: readonly SchedulerId[];
  /** A pass ends when every pod is bound, or when no pod was bound for this long. */
  readonly quietMs: number;
  /** Hard limit of one measured pass. */
  readonly passTimeoutMs: number;
  readonly portBase: number;
  /** Keep the private cluster's state folder (logs) after the run. */
  readonly keep: boolean;
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const FULL_SHAPE: ClusterShape = { blocks: 4, racksPerBlock: 8, hostsPerRack: 32, gpusPerNode: 8, cpuPerNode: 96, memoryPerNode: '1Ti' };
export const SMALL_SHAPE: ClusterShape = { ...FULL_SHAPE, blocks: 2, racksPerBlock: 2, hostsPerRack: 16 };
export const PORT_BASE = 18740;

const SPEC = {
  small: { type: 'boolean' },
  blocks: { type: 'string' },
  'racks-per-block': { type: 'string' },
  'hosts-per-rack': { type: 'string' },
  'gpus-per-node': { type: 'string' },
  'plain-pods': { type: 'string' },
  'gpu-fill': { type: 'string' },
  churn: { type: 'string' },
  'churn-kube': { type: 'boolean' },
  seed: { type: 'string' },
  schedulers: { type: 'string' },
  'quiet-seconds': { type: 'string' },
  'pass-timeout-seconds': { type: 'string' },
  keep: { type: 'boolean' },
} as const;

function integer(flag: string, raw: string | undefined, fallback: number, min: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new UsageError(`--${flag} must be an integer ≥ ${min}, got '${raw}'`);
  return value;
}

function share(flag: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || value > 1) throw new UsageError(`--${flag} must be a number from 0 to 1, got '${raw}'`);
  return value;
}

function schedulerList(raw: string | undefined): SchedulerId[] {
  if (raw === undefined) return [...SCHEDULERS];
  const ids = raw.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const unknown = ids.filter((s) => !(SCHEDULERS as readonly string[]).includes(s));
  if (unknown.length > 0 || ids.length === 0) throw new UsageError(`--schedulers takes ${SCHEDULERS.join(',')}, got '${raw}'`);
  return ids as SchedulerId[];
}

export function parseOptions(argv: readonly string[]): BenchOptions {
  let values;
  try {
    values = parseArgs({ args: [...argv], options: SPEC, strict: true, allowPositionals: false }).values;
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const base = values.small ? SMALL_SHAPE : FULL_SHAPE;
  const shape: ClusterShape = {
    ...base,
    blocks: integer('blocks', values.blocks, base.blocks, 1),
    racksPerBlock: integer('racks-per-block', values['racks-per-block'], base.racksPerBlock, 1),
    hostsPerRack: integer('hosts-per-rack', values['hosts-per-rack'], base.hostsPerRack, 1),
    gpusPerNode: integer('gpus-per-node', values['gpus-per-node'], base.gpusPerNode, 8),
  };
  return {
    shape,
    plainPods: integer('plain-pods', values['plain-pods'], values.small ? 1_000 : 10_000, 0),
    gpuFill: share('gpu-fill', values['gpu-fill'], 0.8),
    churn: share('churn', values.churn, 0.2),
    churnKube: values['churn-kube'] ?? false,
    seed: integer('seed', values.seed, 7, 0),
    schedulers: schedulerList(values.schedulers),
    quietMs: integer('quiet-seconds', values['quiet-seconds'], 20, 1) * 1000,
    passTimeoutMs: integer('pass-timeout-seconds', values['pass-timeout-seconds'], 1800, 10) * 1000,
    portBase: PORT_BASE,
    keep: values.keep ?? false,
  };
}

export function nodeCount(shape: ClusterShape): number {
  return shape.blocks * shape.racksPerBlock * shape.hostsPerRack;
}

/** The flags that reproduce this run (defaults left out). */
export function reproduceArgs(argv: readonly string[]): string {
  return argv.length === 0 ? '' : ` -- ${argv.join(' ')}`;
}

export const USAGE = `usage: scheduler-main.ts [--small] [--blocks N] [--racks-per-block N] [--hosts-per-rack N]
  [--plain-pods N] [--gpu-fill 0..1] [--churn 0..1] [--churn-kube] [--seed N]
  [--schedulers kube,podgang] [--quiet-seconds N] [--pass-timeout-seconds N] [--keep]`;
