/**
 * Seeded random mutations of valid manifests, for the fuzz test: the same seed gives the same
 * objects, so a failure reproduces with `GROVE_FUZZ_SEED=<seed>`. Mutations work on plain JSON and
 * may produce anything: wrong types, huge or odd strings, negative numbers, cycles, duplicates.
 */

import type { Random } from '@grove/fixtures';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Container = Json[] | { [key: string]: Json };
type Path = (string | number)[];

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const int = (random: Random, max: number) => Math.floor(random() * max);
const pick = <T>(random: Random, items: readonly T[]): T => items[int(random, items.length)] as T;

const ODD_STRINGS = ['', ' ', '💥', '\u202eevil', 'a\u0000b', 'Ünïcödé', 'ｆｕｌｌ', '../..', '${HOME}', 'a\nb', 'UPPER', '-dash-', 'x.y.z', 'e\u0301'.repeat(50), '日本語'];
const ODD_NUMBERS = [-1, -2147483648, 0, 0.5, 2147483648, 2 ** 53, 1e308, -0];

function randomValue(random: Random): Json {
  switch (int(random, 7)) {
    case 0:
      return null;
    case 1:
      return random() < 0.5;
    case 2:
      return pick(random, ODD_NUMBERS);
    case 3:
      return pick(random, ODD_STRINGS);
    case 4:
      return [];
    case 5:
      return {};
    default:
      return [pick(random, ODD_STRINGS), int(random, 10)];
  }
}

/** Every path into the document (the root excluded), up to a bound. */
function paths(doc: Json, prefix: Path = [], out: Path[] = []): Path[] {
  if (out.length > 5_000 || doc === null || typeof doc !== 'object') return out;
  const entries: [string | number, Json][] = Array.isArray(doc) ? doc.map((v, i) => [i, v]) : Object.entries(doc);
  for (const [key, value] of entries) {
    out.push([...prefix, key]);
    paths(value, [...prefix, key], out);
  }
  return out;
}

function parentOf(doc: Json, path: Path): Container | undefined {
  let node: Json = doc;
  for (const key of path.slice(0, -1)) node = (node as Record<string | number, Json>)[key] ?? null;
  return node !== null && typeof node === 'object' ? node : undefined;
}

function set(container: Container, key: string | number, value: Json | undefined): void {
  if (Array.isArray(container) && typeof key === 'number') {
    if (value === undefined) container.splice(key, 1);
    else container[key] = value;
  } else if (!Array.isArray(container)) {
    if (value === undefined) delete container[String(key)];
    else container[String(key)] = value;
  }
}

interface LooseClique {
  name?: unknown;
  labels?: unknown;
  spec?: { startsAfter?: unknown; podSpec?: { containers?: { env?: unknown }[] } };
}

function cliquesOf(doc: Json): LooseClique[] {
  const cliques = (doc as { spec?: { template?: { cliques?: unknown } } }).spec?.template?.cliques;
  return Array.isArray(cliques) ? (cliques as LooseClique[]).filter((c) => c !== null && typeof c === 'object') : [];
}

/**
 * Explicit startup with startsAfter edges between cliques: usually a ring through every clique
 * (a cycle only the webhook can see), sometimes random edges with self-loops and unknown names.
 */
function wireStartsAfter(doc: Json, random: Random): void {
  const template = (doc as { spec?: { template?: Record<string, unknown> } }).spec?.template;
  const cliques = cliquesOf(doc);
  if (!template || cliques.length === 0) return;
  template['cliqueStartupType'] = 'CliqueStartupTypeExplicit';
  const names = cliques.map((c) => String(c.name));
  const ring = random() < 0.7;
  cliques.forEach((clique, i) => {
    if (!isObject(clique.spec)) return;
    clique.spec.startsAfter = ring ? [names[(i + 1) % names.length]] : Array.from({ length: int(random, 3) }, () => pick(random, [...names, 'ghost', '']));
  });
}

/** Rules only the webhook checks: env var names and label keys (on whatever earlier mutations left). */
function breakNames(doc: Json, random: Random): void {
  const clique = cliquesOf(doc)[0];
  if (!clique) return;
  if (random() < 0.5) {
    clique.labels = { [pick(random, ['bad key', '/x', 'a/b/c', '-x'])]: 'v' };
    return;
  }
  const containers = isObject(clique.spec) && isObject(clique.spec.podSpec) ? clique.spec.podSpec.containers : undefined;
  if (!Array.isArray(containers)) return;
  for (const container of containers) if (isObject(container)) container['env'] = [{ name: pick(random, ['1BAD', 'A B', '..x', '']) }];
}

const MUTATIONS: Record<string, (doc: Json, random: Random) => void> = {
  drop: (doc, random) => mutateAt(doc, random, () => undefined),
  retype: (doc, random) => mutateAt(doc, random, () => randomValue(random)),
  hugeString: (doc, random) => mutateAt(doc, random, () => 'x'.repeat(10_000 + int(random, 200_000))),
  negative: (doc, random) => mutateAt(doc, random, (old) => (typeof old === 'number' ? -1 - int(random, 1000) : -int(random, 5))),
  unicode: (doc, random) => mutateAt(doc, random, () => pick(random, ODD_STRINGS)),
  oddNumber: (doc, random) => mutateAt(doc, random, () => pick(random, ODD_NUMBERS)),
  duplicate: (doc, random) => {
    const lists = paths(doc).filter((p) => Array.isArray(valueAt(doc, p)) && (valueAt(doc, p) as Json[]).length > 0);
    if (lists.length === 0) return;
    const list = valueAt(doc, pick(random, lists)) as Json[];
    list.push(structuredClone(pick(random, list)));
  },
  cycles: (doc, random) => wireStartsAfter(doc, random),
  names: (doc, random) => breakNames(doc, random),
};

function valueAt(doc: Json, path: Path): Json | undefined {
  let node: Json | undefined = doc;
  for (const key of path) node = node !== null && typeof node === 'object' ? (node as Record<string | number, Json>)[key] : undefined;
  return node;
}

function mutateAt(doc: Json, random: Random, next: (old: Json | undefined) => Json | undefined): void {
  // apiVersion, kind and metadata.namespace are left alone: breaking them only tests the API server's decoder.
  const candidates = paths(doc).filter((p) => !(p.length === 1 && (p[0] === 'apiVersion' || p[0] === 'kind')) && p.join('.') !== 'metadata.namespace');
  if (candidates.length === 0) return;
  const path = pick(random, candidates);
  const parent = parentOf(doc, path);
  if (parent) set(parent, path[path.length - 1] as string | number, next(valueAt(doc, path)));
}

/** 1–3 random mutations of a copy of `base`; returns the object and the names of what was done. */
export function mutate(base: unknown, random: Random): { object: unknown; applied: string[] } {
  const doc = structuredClone(base) as Json;
  const names = Object.keys(MUTATIONS);
  const applied = Array.from({ length: 1 + int(random, 3) }, () => pick(random, names));
  for (const name of applied) MUTATIONS[name]?.(doc, random);
  return { object: doc, applied };
}

/** Percentile of sorted numbers (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}
