/**
 * Property tests over random clusters and gangs (seeded generator, no dependency): whatever the
 * input, a placement never over-commits a node, never splits a required domain, never returns part
 * of a minimum, and only uses nodes the pods may run on. `PLACEMENT_SEED` / `PLACEMENT_RUNS` replay
 * or resize a run.
 */
import { describe, expect, it } from 'vitest';
import { ClusterSnapshot, placeGang, type GangRequest, type NodeInfo, type PackConstraint, type PodGroupRequest, type Toleration } from './index.js';
import { seededRandom } from '@grove/fixtures';
import { aGang, aGroup, aNode, BLOCK, GPU, HOST, RACK } from './test-support.js';

const SEED = Number(process.env.PLACEMENT_SEED ?? 20261128);
const RUNS = Number(process.env.PLACEMENT_RUNS ?? 400);
const KEYS = [BLOCK, RACK, HOST];

interface World {
  readonly nodes: NodeInfo[];
  readonly snapshot: ClusterSnapshot;
  readonly gang: GangRequest;
}

function generate(random: () => number): World {
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const nodes = Array.from({ length: int(1, 24) }, (_, i) => {
    const [block, rack] = [`b${int(0, 1)}`, `r${int(0, 3)}`];
    const labels: Record<string, string> = random() < 0.9 ? { [BLOCK]: block, [RACK]: `${block}-${rack}` } : {};
    return aNode(`n${i}`, {
      labels,
      gpus: pick([0, 4, 8, 8]),
      pods: int(1, 6),
      unschedulable: random() < 0.1,
      ready: random() > 0.1,
      taints: random() < 0.15 ? [{ key: 'dedicated', value: 'x', effect: pick(['NoSchedule', 'NoExecute', 'PreferNoSchedule'] as const) }] : [],
    });
  });
  const snapshot = new ClusterSnapshot();
  for (const node of nodes) snapshot.upsertNode(node);
  for (let i = 0; i < int(0, 10); i++) snapshot.addPod(`ns/old-${i}`, pick(nodes).name, { [GPU]: int(1, 8), cpu: int(0, 8000) });
  const pack = (): PackConstraint | undefined => {
    const roll = random();
    if (roll < 0.4) return undefined;
    if (roll < 0.75) return { required: pick(KEYS) };
    if (roll < 0.9) return { preferred: pick(KEYS) };
    return { required: BLOCK, preferred: pick([RACK, HOST]) };
  };
  const tolerations: Toleration[] = random() < 0.3 ? [{ key: 'dedicated', operator: 'Exists' }] : [];
  const groups: PodGroupRequest[] = Array.from({ length: int(1, 4) }, (_, g) => {
    const count = int(1, 5);
    const bound = random() < 0.2 ? [pick(nodes).name] : [];
    const groupPack = pack();
    return aGroup(`g${g}`, count, { [GPU]: pick([1, 2, 4, 8]), cpu: int(0, 4000) }, {
      minReplicas: int(0, count + bound.length),
      boundNodes: bound,
      ...(groupPack ? { pack: groupPack } : {}),
      pod: { tolerations, ...(random() < 0.1 ? { nodeSelector: { [BLOCK]: 'b0' } } : {}) },
    });
  });
  const topologyPack = pack();
  const topologyGroups = groups.length > 1 && topologyPack?.required ? [{ name: 'tg', podGroupNames: groups.slice(0, 2).map((g) => g.name), pack: topologyPack }] : [];
  const gangPack = pack();
  return { nodes, snapshot, gang: aGang('ns/gang', groups, { topologyGroups, ...(gangPack ? { pack: gangPack } : {}) }) };
}

function checkWorld(world: World): boolean {
  const { snapshot, gang } = world;
  const freeBefore = new Map(world.nodes.map((node) => [node.name, snapshot.free(node.name)]));
  const result = placeGang(snapshot, gang);
  // The snapshot is untouched.
  for (const node of world.nodes) expect(snapshot.free(node.name)).toEqual(freeBefore.get(node.name));
  if (!result.placed) {
    expect(result.message.length).toBeGreaterThan(10);
    return false;
  }
  const pods = new Map(gang.groups.flatMap((group) => group.pending.map((pod) => [pod.key, { pod, group }] as const)));
  const nodeOf = new Map(result.assignments.map((a) => [a.podKey, a.node]));
  expect(nodeOf.size).toBe(result.assignments.length);

  // Never over-commits: what is assigned to a node fits in what was free on it.
  const added = new Map<string, Record<string, number>>();
  for (const { podKey, node } of result.assignments) {
    const entry = pods.get(podKey);
    expect(entry).toBeDefined();
    const sum = added.get(node) ?? {};
    for (const [name, amount] of Object.entries({ ...entry?.pod.requests, pods: 1 })) sum[name] = (sum[name] ?? 0) + amount;
    added.set(node, sum);
    const info = snapshot.node(node);
    expect(info?.ready && !info.unschedulable).toBe(true);
  }
  for (const [node, sum] of added) {
    for (const [name, amount] of Object.entries(sum)) if (amount > 0) expect((freeBefore.get(node)?.[name] ?? 0) - amount).toBeGreaterThanOrEqual(0);
  }

  // Never part of a minimum: each group's first (minReplicas − bound) pods are all in the minimum prefix.
  const minimumKeys = new Set(result.assignments.slice(0, result.minimumCount).map((a) => a.podKey));
  let expectedMinimum = 0;
  for (const group of gang.groups) {
    const need = Math.max(0, group.minReplicas - group.boundNodes.length);
    expectedMinimum += need;
    for (const pod of group.pending.slice(0, need)) expect(minimumKeys.has(pod.key)).toBe(true);
  }
  expect(result.minimumCount).toBe(expectedMinimum);

  // Never splits a required domain, at any level (bound pods included).
  // If the bound pods alone already break the constraint, nothing more may be assigned to that level.
  const valuesOf = (nodes: readonly string[], key: string) => new Set(nodes.map((node) => snapshot.node(node)?.labels[key] ?? `missing:${node}`));
  const boundOf = (names: readonly string[]) => gang.groups.filter((g) => names.includes(g.name)).flatMap((g) => g.boundNodes);
  const assignedOf = (names: readonly string[]) =>
    gang.groups.filter((g) => names.includes(g.name)).flatMap((g) => g.pending.map((p) => nodeOf.get(p.key)).filter((n) => n !== undefined));
  const levels: [readonly string[], PackConstraint | undefined][] = [
    [gang.groups.map((g) => g.name), gang.pack],
    ...gang.topologyGroups.map((tg): [readonly string[], PackConstraint] => [tg.podGroupNames, tg.pack]),
    ...gang.groups.map((g): [readonly string[], PackConstraint | undefined] => [[g.name], g.pack]),
  ];
  for (const [names, pack] of levels) {
    const key = pack?.required;
    if (key === undefined) continue;
    const bound = valuesOf(boundOf(names), key);
    if (bound.size > 1 || [...bound].some((value) => value.startsWith('missing:'))) {
      expect(assignedOf(names)).toEqual([]);
      continue;
    }
    const values = valuesOf([...boundOf(names), ...assignedOf(names)], key);
    expect(values.size).toBeLessThanOrEqual(1);
    for (const value of values) expect(value.startsWith('missing:')).toBe(false);
  }
  expect(result.score).toBeGreaterThan(0);
  expect(result.score).toBeLessThanOrEqual(1);
  return true;
}

describe('placeGang properties', () => {
  it(`hold over ${RUNS} random clusters and gangs (seed ${SEED})`, () => {
    const random = seededRandom(SEED);
    let placed = 0;
    for (let run = 0; run < RUNS; run++) {
      const world = generate(random);
      try {
        if (checkWorld(world)) placed++;
      } catch (error) {
        throw new Error(`run ${run} (seed ${SEED}) failed: ${JSON.stringify(world.gang)}`, { cause: error });
      }
    }
    // Both outcomes must be exercised for the properties to mean something.
    expect(placed).toBeGreaterThan(RUNS / 10);
    expect(placed).toBeLessThan(RUNS);
  }, 60_000);
});
