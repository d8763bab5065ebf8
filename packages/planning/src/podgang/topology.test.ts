import { CONDITION_REASON, CONDITION_TYPE, type TopologyConstraint } from '@grove/api';
import { aClusterTopologyBinding, aPodCliqueSet } from '@grove/fixtures';
import { describe, expect, it } from 'vitest';
import { activeTopology, effectiveTopologyName, referencedDomains, topologyLevelsCondition, translateConstraint } from './topology.js';

const REASON = CONDITION_REASON.topologyLevelsUnavailable;
const ct = aClusterTopologyBinding('cluster');
const ZONE = 'topology.kubernetes.io/zone';
const RACK = 'topology.grove.io/rack';
const HOST = 'kubernetes.io/hostname';

describe('translateConstraint (§8: domains become CT level keys)', () => {
  it.each<[string, TopologyConstraint | undefined, unknown]>([
    ['no constraint', undefined, undefined],
    ['pack.required', { pack: { required: 'rack' } }, { packConstraint: { required: RACK } }],
    ['pack.preferred only', { pack: { preferred: 'host' } }, { packConstraint: { preferred: HOST } }],
    ['required and preferred', { pack: { required: 'zone', preferred: 'rack' } }, { packConstraint: { required: ZONE, preferred: RACK } }],
    ['legacy packDomain counts as required (§1.6)', { packDomain: 'host' }, { packConstraint: { required: HOST } }],
    ['pack.required wins over packDomain', { packDomain: 'host', pack: { required: 'rack' } }, { packConstraint: { required: RACK } }],
    ['unknown required domain drops only that side', { pack: { required: 'numa', preferred: 'rack' } }, { packConstraint: { preferred: RACK } }],
    ['unknown preferred domain drops only that side', { pack: { required: 'rack', preferred: 'numa' } }, { packConstraint: { required: RACK } }],
    ['both sides unknown gives no constraint', { pack: { required: 'numa', preferred: 'region' } }, undefined],
    ['empty strings are absent', { pack: { required: '', preferred: '' }, packDomain: '' }, undefined],
  ])('%s', (_, constraint, expected) => {
    expect(translateConstraint(constraint, ct)).toEqual(expected);
  });
});

describe('effectiveTopologyName (§1.6: first explicit name, PCS → scaling groups → cliques)', () => {
  it('prefers the PCS, then scaling groups, then cliques', () => {
    const clique = { topologyName: 'from-clique', pack: { required: 'host' } };
    const group = { topologyName: 'from-group', pack: { required: 'rack' } };
    const onlyClique = aPodCliqueSet().clique('a', {}, { topologyConstraint: clique }).build();
    const groupAndClique = aPodCliqueSet().clique('a', {}, { topologyConstraint: clique }).clique('b').scalingGroup('g', ['b'], { topologyConstraint: group }).build();
    const all = aPodCliqueSet()
      .clique('a', {}, { topologyConstraint: clique })
      .clique('b')
      .scalingGroup('g', ['b'], { topologyConstraint: group })
      .with({ topologyConstraint: { topologyName: 'from-pcs', pack: { required: 'zone' } } })
      .build();
    expect(effectiveTopologyName(onlyClique)).toBe('from-clique');
    expect(effectiveTopologyName(groupAndClique)).toBe('from-group');
    expect(effectiveTopologyName(all)).toBe('from-pcs');
  });

  it('skips constraints that rely on inheritance and is undefined when none names a binding', () => {
    const inherited = aPodCliqueSet()
      .clique('a', {}, { topologyConstraint: { topologyName: 'cluster', pack: { required: 'host' } } })
      .with({ topologyConstraint: { pack: { required: 'zone' } } })
      .build();
    expect(effectiveTopologyName(inherited)).toBe('cluster');
    expect(effectiveTopologyName(aPodCliqueSet().clique('a', {}, { topologyConstraint: { packDomain: 'rack' } }).build())).toBeUndefined();
    expect(effectiveTopologyName(aPodCliqueSet().clique('a').build())).toBeUndefined();
  });
});

describe('topologyLevelsCondition (§8, §1.7 TopologyLevelsUnavailable)', () => {
  const unconstrained = aPodCliqueSet().clique('a').build();
  const named = (topologyConstraint: TopologyConstraint) => aPodCliqueSet().clique('a').with({ topologyConstraint }).build();
  const rackInCluster = named({ topologyName: 'cluster', pack: { required: 'rack' } });

  it.each([
    ['TAS off, constrained → Unknown/TopologyAwareSchedulingDisabled', rackInCluster, ct, false, 'Unknown', REASON.topologyAwareSchedulingDisabled],
    ['TAS on, no constraints → False/AllClusterTopologyLevelsAvailable', unconstrained, undefined, true, 'False', REASON.allLevelsAvailable],
    ['TAS on, no explicit topologyName → Unknown/TopologyNameMissing', named({ packDomain: 'rack' }), ct, true, 'Unknown', REASON.topologyNameMissing],
    ['TAS on, binding missing → Unknown/ClusterTopologyNotFound', rackInCluster, undefined, true, 'Unknown', REASON.topologyNotFound],
    ['TAS on, a different binding is not the named one → Unknown/ClusterTopologyNotFound', rackInCluster, aClusterTopologyBinding('other'), true, 'Unknown', REASON.topologyNotFound],
    ['TAS on, domain missing from the binding → True/ClusterTopologyLevelsUnavailable', named({ topologyName: 'cluster', pack: { required: 'numa' } }), ct, true, 'True', REASON.levelsUnavailable],
    ['TAS on, every domain present → False/AllClusterTopologyLevelsAvailable', rackInCluster, ct, true, 'False', REASON.allLevelsAvailable],
  ] as const)('%s', (_, pcs, topology, tas, status, reason) => {
    expect(topologyLevelsCondition(pcs, topology, tas)).toMatchObject({ type: CONDITION_TYPE.topologyLevelsUnavailable, status, reason });
  });

  it('gives no condition at all when TAS is off and nothing is constrained', () => {
    expect(topologyLevelsCondition(unconstrained, undefined, false)).toBeUndefined();
  });

  it('names the missing binding', () => {
    expect(topologyLevelsCondition(rackInCluster, undefined, true)?.message).toContain('"cluster"');
  });

  it('lists every missing domain once, from every level, including preferred ones', () => {
    const pcs = aPodCliqueSet()
      .clique('a', {}, { topologyConstraint: { pack: { required: 'numa' } } })
      .clique('b', {}, { topologyConstraint: { pack: { required: 'numa' } } })
      .clique('c')
      .scalingGroup('g', ['c'], { topologyConstraint: { pack: { required: 'rack', preferred: 'cage' } } })
      .with({ topologyConstraint: { topologyName: 'cluster', pack: { required: 'region' } } })
      .build();
    expect(referencedDomains(pcs)).toEqual(['region', 'rack', 'cage', 'numa']);
    const message = topologyLevelsCondition(pcs, ct, true)?.message ?? '';
    expect(message).toContain('region, cage, numa');
    expect(message).not.toContain('rack');
  });
});

describe('activeTopology (§8: translation needs TAS and the named, existing binding)', () => {
  const pcs = aPodCliqueSet().clique('a').with({ topologyConstraint: { topologyName: 'cluster', pack: { required: 'rack' } } }).build();

  it.each([
    ['TAS on and the named binding', ct, true, ct],
    ['TAS off', ct, false, undefined],
    ['binding missing', undefined, true, undefined],
    ['another binding', aClusterTopologyBinding('other'), true, undefined],
  ] as const)('%s', (_, topology, tas, expected) => {
    expect(activeTopology(pcs, topology, tas)).toBe(expected);
  });

  it('is undefined for a legacy constraint without topologyName', () => {
    const legacy = aPodCliqueSet().clique('a', {}, { topologyConstraint: { packDomain: 'rack' } }).build();
    expect(activeTopology(legacy, ct, true)).toBeUndefined();
  });
});
