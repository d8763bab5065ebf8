/**
 * Kubernetes resource quantities to the integer base units of the model (`cpu` in millicores, every
 * other resource in its own unit: bytes for memory, units for GPUs and pods), and the effective
 * request of a pod as kube-scheduler computes it.
 *
 * Parsing is exact (BigInt rationals), so `0.1` CPU is 100m and `1.5Gi` is 1610612736 bytes; a value
 * below the unit rounds UP, like resource.Quantity's MilliValue/Value (`1n` CPU is 1m, `0.5` GPU is 1).
 */
import type { Resources } from './model.js';

export interface ContainerResources {
  readonly requests?: Readonly<Record<string, string>>;
  /** `Always` on an init container makes it a sidecar (restartable init container). */
  readonly restartPolicy?: string;
}

export interface PodResourceSpec {
  readonly containers: readonly ContainerResources[];
  readonly initContainers?: readonly ContainerResources[];
  readonly overhead?: Readonly<Record<string, string>>;
}

const DECIMAL_SUFFIX: Readonly<Record<string, number>> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIX: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const NUMBER = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(.*)$/;
const EXPONENT = /^[eE]([+-]?\d+)$/;
/** Beyond this the value is absurd for a resource; refusing it keeps BigInt powers small. */
const MAX_EXPONENT = 60;

/**
 * Parses a Kubernetes quantity (`100m`, `1.5`, `2Gi`, `1e3`, `500n`, …) into integer base units of
 * `resource`: millicores for `cpu`, whole units otherwise, rounding up. Throws on malformed input.
 */
export function parseQuantity(quantity: string, resource: string): number {
  const parts = NUMBER.exec(quantity);
  if (!parts) throw new Error(`invalid quantity "${quantity}" for resource ${resource}`);
  const [, sign = '', digits = '', suffix = ''] = parts;
  const [whole = '', fraction = ''] = digits.split('.');
  let numerator = BigInt((whole || '0') + fraction) * (sign === '-' ? -1n : 1n);
  let denominator = 10n ** BigInt(fraction.length);
  const decimal = decimalExponent(suffix);
  if (decimal !== undefined) {
    if (Math.abs(decimal) > MAX_EXPONENT) throw new Error(`quantity "${quantity}" for resource ${resource} is out of range`);
    if (decimal >= 0) numerator *= 10n ** BigInt(decimal);
    else denominator *= 10n ** BigInt(-decimal);
  } else {
    const binary = BINARY_SUFFIX[suffix];
    if (binary === undefined) throw new Error(`invalid quantity "${quantity}" for resource ${resource}: unknown suffix "${suffix}"`);
    numerator *= 2n ** BigInt(binary);
  }
  if (resource === 'cpu') numerator *= 1000n;
  return Number(ceilDiv(numerator, denominator));
}

function decimalExponent(suffix: string): number | undefined {
  const known = DECIMAL_SUFFIX[suffix];
  if (known !== undefined) return known;
  const exponent = EXPONENT.exec(suffix);
  return exponent?.[1] === undefined ? undefined : Number(exponent[1]);
}

function ceilDiv(numerator: bigint, denominator: bigint): bigint {
  // BigInt division truncates toward zero, which is already the ceiling for negative values.
  return numerator > 0n ? (numerator + denominator - 1n) / denominator : numerator / denominator;
}

/** A resource list (`status.allocatable`, a container's `requests`) in base units. */
export function resourcesOf(list: Readonly<Record<string, string>> | undefined): Resources {
  const out: Record<string, number> = {};
  for (const [name, quantity] of Object.entries(list ?? {})) out[name] = parseQuantity(quantity, name);
  return out;
}

/**
 * The effective request of a pod, as kube-scheduler's PodRequests computes it (sidecars included):
 * - regular containers and sidecars (init containers with `restartPolicy: Always`) run together, so
 *   they add up;
 * - each classic init container runs alone, next to the sidecars started before it;
 * - the pod needs the larger of the two, plus `overhead`.
 * The pod slot (`pods: 1`) is not included: the snapshot and the placement add it.
 */
export function podRequests(spec: PodResourceSpec): Resources {
  const running: Record<string, number> = {};
  for (const container of spec.containers) addInto(running, resourcesOf(container.requests));
  const sidecars: Record<string, number> = {};
  const initPeak: Record<string, number> = {};
  for (const init of spec.initContainers ?? []) {
    const own = resourcesOf(init.requests);
    if (init.restartPolicy === 'Always') {
      addInto(running, own);
      addInto(sidecars, own);
      maxInto(initPeak, sidecars);
    } else {
      const during: Record<string, number> = { ...sidecars };
      addInto(during, own);
      maxInto(initPeak, during);
    }
  }
  maxInto(running, initPeak);
  addInto(running, resourcesOf(spec.overhead));
  return running;
}

function addInto(target: Record<string, number>, add: Resources): void {
  for (const [name, amount] of Object.entries(add)) target[name] = (target[name] ?? 0) + amount;
}

function maxInto(target: Record<string, number>, other: Resources): void {
  for (const [name, amount] of Object.entries(other)) target[name] = Math.max(target[name] ?? 0, amount);
}
