import { ANNOTATION, type PodGang, type TopologyConstraint } from '@grove/api';
import { aClusterTopologyBinding, aPodCliqueSet } from '@grove/fixtures';
import { describe, expect, it } from 'vitest';
import { expectedPodGangs } from './gangs.js';
import { aGangWorld } from './test-support.js';

const ct = aClusterTopologyBinding('cluster');
const BLOCK = 'topology.grove.io/block';
const RACK = 'topology.grove.io/rack';
const HOST = 'kubernetes.io/hostname';

interface Constraints {
  readonly pcs?: TopologyConstraint;
  readonly group?: TopologyConstraint;
  readonly worker?: TopologyConstraint;
  readonly router?: TopologyConstraint;
  readonly minAvailable?: number;
}

/** Standalone router; scaling group `decode` (leader + worker, 3 replicas) with the given constraints. */
function constrained(c: Constraints) {
  return aPodCliqueSet('inference')
    .clique('router', {}, { ...(c.router && { topologyConstraint: c.router }) })
    .clique('leader')
    .clique('worker', { replicas: 2 }, { ...(c.worker && { topologyConstraint: c.worker }) })
    .scalingGroup('decode', ['leader', 'worker'], { replicas: 3, minAvailable: c.minAvailable ?? 1, topologyConstraint: c.group })
    .with({ topologyConstraint: c.pcs })
    .build();
}

const TAS_ON = { topology: ct, topologyAwareScheduling: true } as const;
const gangNamed = (gangs: readonly PodGang[], name: string) => gangs.find((g) => g.metadata.name === name);
const groupNamed = (gang: PodGang | undefined, name: string) => gang?.spec.podgroups.find((g) => g.name === name);

describe('expectedPodGangs: topology translation at all three levels (§8, §3.1)', () => {
  const pcs = constrained({
    pcs: { topologyName: 'cluster', pack: { required: 'block' } },
    group: { pack: { required: 'rack' } },
    worker: { pack: { required: 'host' } },
    minAvailable: 2,
  });
  const gangs = expectedPodGangs(aGangWorld(pcs, TAS_ON));
  const base = gangNamed(gangs, 'inference-0');
  const scaled = gangNamed(gangs, 'inference-0-decode-0');

  it('packs the base gang by the PCS constraint', () => {
    expect(base?.spec.topologyConstraint).toEqual({ packConstraint: { required: BLOCK } });
  });

  it('gives each base-gang PCSG replica a group config with its member PodCliques', () => {
    expect(base?.spec.topologyConstraintGroupConfigs).toEqual([
      { name: 'inference-0-decode-0', podGroupNames: ['inference-0-decode-0-leader', 'inference-0-decode-0-worker'], topologyConstraint: { packConstraint: { required: RACK } } },
      { name: 'inference-0-decode-1', podGroupNames: ['inference-0-decode-1-leader', 'inference-0-decode-1-worker'], topologyConstraint: { packConstraint: { required: RACK } } },
    ]);
  });

  it('packs a scaled gang by the PCSG constraint, with no group configs', () => {
    expect(scaled?.spec.topologyConstraint).toEqual({ packConstraint: { required: RACK } });
    expect(scaled?.spec.topologyConstraintGroupConfigs).toBeUndefined();
  });

  it('puts clique constraints on their PodGroups in every gang, and none on unconstrained cliques', () => {
    expect(groupNamed(base, 'inference-0-decode-1-worker')?.topologyConstraint).toEqual({ packConstraint: { required: HOST } });
    expect(groupNamed(scaled, 'inference-0-decode-2-worker')?.topologyConstraint).toEqual({ packConstraint: { required: HOST } });
    expect(groupNamed(base, 'inference-0-router')).not.toHaveProperty('topologyConstraint');
  });

  it('annotates every constrained gang with the binding name', () => {
    expect(gangs.map((g) => g.metadata.annotations?.[ANNOTATION.topologyName])).toEqual(['cluster', 'cluster']);
  });
});

describe('expectedPodGangs: topology fallbacks and omissions (§8)', () => {
  it('packs scaled gangs by the PCS constraint when the PCSG has none, and gives the base gang no group configs', () => {
    const gangs = expectedPodGangs(aGangWorld(constrained({ pcs: { topologyName: 'cluster', pack: { required: 'block', preferred: 'rack' } } }), TAS_ON));
    const expected = { packConstraint: { required: BLOCK, preferred: RACK } };
    expect(gangs.map((g) => g.spec.topologyConstraint)).toEqual([expected, expected, expected]);
    expect(gangs[0]?.spec.topologyConstraintGroupConfigs).toBeUndefined();
  });

  it('annotates only the gangs that carry a translated constraint', () => {
    const gangs = expectedPodGangs(aGangWorld(constrained({ router: { topologyName: 'cluster', pack: { required: 'host' } } }), TAS_ON));
    expect(gangs.map((g) => g.metadata.annotations?.[ANNOTATION.topologyName])).toEqual(['cluster', undefined, undefined]);
  });

  it('drops an unknown PCSG domain without falling back to the PCS constraint', () => {
    const pcs = constrained({ pcs: { topologyName: 'cluster', pack: { required: 'block' } }, group: { pack: { required: 'numa' } } });
    const gangs = expectedPodGangs(aGangWorld(pcs, TAS_ON));
    expect(gangs[0]?.spec.topologyConstraint).toEqual({ packConstraint: { required: BLOCK } });
    expect(gangs[0]?.spec.topologyConstraintGroupConfigs).toBeUndefined();
    expect(gangs[1]?.spec.topologyConstraint).toBeUndefined();
  });

  const everywhere = constrained({
    pcs: { topologyName: 'cluster', pack: { required: 'block' } },
    group: { pack: { required: 'rack' } },
    worker: { pack: { required: 'host' } },
  });

  it.each([
    ['TAS is off (constraints kept in the PCS but not emitted)', { topology: ct, topologyAwareScheduling: false }],
    ['the binding does not exist (e.g. deleted under a live PCS)', { topology: undefined, topologyAwareScheduling: true }],
    ['the binding is not the one the PCS names', { topology: aClusterTopologyBinding('other'), topologyAwareScheduling: true }],
  ])('emits no constraints and no topology annotation when %s', (_, world) => {
    const gangs = expectedPodGangs(aGangWorld(everywhere, world));
    for (const gang of gangs) {
      expect(gang.spec.topologyConstraint).toBeUndefined();
      expect(gang.spec.topologyConstraintGroupConfigs).toBeUndefined();
      expect(gang.spec.podgroups.every((g) => g.topologyConstraint === undefined)).toBe(true);
      expect(gang.metadata.annotations).not.toHaveProperty(ANNOTATION.topologyName);
    }
  });

  it('emits nothing for a legacy constraint without any topologyName', () => {
    const legacy = constrained({ pcs: { packDomain: 'block' } });
    const gangs = expectedPodGangs(aGangWorld(legacy, TAS_ON));
    expect(gangs.every((g) => g.spec.topologyConstraint === undefined)).toBe(true);
  });
});
