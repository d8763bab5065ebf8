import { LABEL, type PodClique, type PodGang } from '@grove/api';
import { describe, expect, it } from 'vitest';
import { podsToUngate, schedulingGatesWithoutGrove, type GateWorld } from './gates.js';
import { aPod, aPodClique, aPodGang, aPodGroup, podsOf } from './test-support.js';

const BASE = 'inference-0';
const SCALED = 'inference-0-decode-0';
const baseClique = aPodClique('inference-0-router', { labels: { [LABEL.podGang]: BASE } });
const scaledClique = aPodClique('inference-0-decode-1-worker', { replicas: 2, labels: { [LABEL.podGang]: SCALED, [LABEL.basePodGang]: BASE } });

/** The base gang: router (minReplicas 1) and the base PCSG replica's worker (minReplicas 2). */
const baseGang = aPodGang(BASE, [aPodGroup('inference-0-router', 1, ['inference-0-router-a']), aPodGroup('inference-0-decode-0-worker', 2)]);

function cliquesWithScheduled(router: number | undefined, worker: number | undefined): ReadonlyMap<string, PodClique> {
  const entries: [string, PodClique][] = [];
  if (router !== undefined) entries.push(['inference-0-router', aPodClique('inference-0-router', { scheduledReplicas: router })]);
  if (worker !== undefined) entries.push(['inference-0-decode-0-worker', aPodClique('inference-0-decode-0-worker', { scheduledReplicas: worker })]);
  return new Map(entries);
}

const ungatedNames = (world: GateWorld) => podsToUngate(world).ungate.map((p) => p.metadata?.name);

describe('podsToUngate: base-gang pods (§3.4)', () => {
  const gatedPods = podsOf('inference-0-router', 2, { gang: BASE, gated: true });
  const world = (overrides: Partial<GateWorld> = {}): GateWorld => ({
    podClique: baseClique,
    pods: gatedPods,
    podGang: baseGang,
    basePodGang: undefined,
    podCliquesByName: new Map(),
    ...overrides,
  });

  it('releases a gated pod once its PodGroup references it, and keeps the unreferenced one gated', () => {
    expect(ungatedNames(world())).toEqual(['inference-0-router-a']);
    expect(podsToUngate(world()).stillGated).toBe(1);
  });

  it('keeps every pod gated while the gang does not exist', () => {
    expect(podsToUngate(world({ podGang: undefined }))).toEqual({ ungate: [], stillGated: 2 });
  });

  it('releases nothing from a gang other than the one the PodClique label names', () => {
    const other = aPodGang('inference-1', [aPodGroup('inference-0-router', 1, ['inference-0-router-a'])]);
    expect(podsToUngate(world({ podGang: other }))).toEqual({ ungate: [], stillGated: 2 });
  });

  it('ignores pods without the Grove gate and terminating pods', () => {
    const pods = [
      aPod('inference-0-router-a', 'inference-0-router', { gang: BASE }),
      aPod('inference-0-router-b', 'inference-0-router', { gang: BASE, gated: true, terminating: true }),
    ];
    expect(podsToUngate(world({ pods }))).toEqual({ ungate: [], stillGated: 0 });
  });

  it('matches references by the PodClique own PodGroup only', () => {
    const elsewhere = aPodGang(BASE, [aPodGroup('inference-0-router', 1), aPodGroup('inference-0-other', 1, ['inference-0-router-a'])]);
    expect(ungatedNames(world({ podGang: elsewhere }))).toEqual([]);
  });
});

describe('podsToUngate: scaled-gang pods wait for the base gang to be scheduled (§3.4, Appendix A.4)', () => {
  const scaledGang = aPodGang(SCALED, [aPodGroup('inference-0-decode-1-worker', 2, ['inference-0-decode-1-worker-a', 'inference-0-decode-1-worker-b'])]);
  const world = (basePodGang: PodGang | undefined, podCliquesByName: ReadonlyMap<string, PodClique>): GateWorld => ({
    podClique: scaledClique,
    pods: podsOf('inference-0-decode-1-worker', 2, { gang: SCALED, gated: true }),
    podGang: scaledGang,
    basePodGang,
    podCliquesByName,
  });

  it.each([
    ['every base PodGroup has scheduledReplicas ≥ minReplicas', baseGang, cliquesWithScheduled(1, 2), 2],
    ['scheduled counts exceed the minimum', baseGang, cliquesWithScheduled(3, 5), 2],
    ['one base PodClique is below its minReplicas', baseGang, cliquesWithScheduled(1, 1), 0],
    ['a base PodClique has no status yet', baseGang, new Map([['inference-0-router', aPodClique('inference-0-router')]]), 0],
    ['a base PodClique is missing', baseGang, cliquesWithScheduled(1, undefined), 0],
    ['the base gang is missing', undefined, cliquesWithScheduled(1, 2), 0],
    ['the given base gang is not the labelled one', aPodGang('inference-1', []), cliquesWithScheduled(1, 2), 0],
  ])('when %s, releases %s pods', (_, basePodGang, podCliquesByName, released) => {
    const result = podsToUngate(world(basePodGang, podCliquesByName));
    expect(result.ungate).toHaveLength(released);
    expect(result.stillGated).toBe(2 - released);
  });
});

describe('schedulingGatesWithoutGrove (§3.4: only Grove gate is removed)', () => {
  it.each([
    ['keeps other gates in order (Grove gate between them)', aPod('p', 'c', { gated: true, otherGates: ['example.com/a', 'example.com/b'] }), ['example.com/a', 'example.com/b']],
    ['empties a list holding only Grove gate', aPod('p', 'c', { gated: true }), []],
    ['leaves a pod without Grove gate as it is', aPod('p', 'c', { otherGates: ['example.com/a'] }), ['example.com/a']],
    ['handles a pod without gates', aPod('p', 'c'), []],
  ])('%s', (_, pod, expected) => {
    const before = structuredClone(pod);
    expect(schedulingGatesWithoutGrove(pod).map((g) => g.name)).toEqual(expected);
    expect(pod).toEqual(before);
  });
});
