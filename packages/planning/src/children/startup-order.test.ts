import { aPodCliqueSet } from '@grove/fixtures';
import { describe, expect, it } from 'vitest';
import { declaredDependencies, startupDependencies, type CliquePlacement, type StartupDependency } from './startup-order.js';
import { simple3 } from './test-support.spec.js';

const standalone: CliquePlacement = { kind: 'standalone' };
const member = (group: string, groupReplica: number): CliquePlacement => ({ kind: 'member', group, groupReplica });
const dep = (podClique: string, minAvailable: number): StartupDependency => ({ podClique, minAvailable });

describe('declared dependencies by cliqueStartupType (§5)', () => {
  const build = (type?: 'CliqueStartupTypeAnyOrder' | 'CliqueStartupTypeInOrder' | 'CliqueStartupTypeExplicit') =>
    aPodCliqueSet('p').clique('a').clique('b', { startsAfter: ['a'] }).clique('c', { startsAfter: ['a'] }).with({ cliqueStartupType: type }).build();

  it.each([
    ['AnyOrder ignores startsAfter', 'CliqueStartupTypeAnyOrder', [[], [], []]],
    ['an absent type is AnyOrder (the CRD default)', undefined, [[], [], []]],
    ['InOrder: the clique right before in template.cliques', 'CliqueStartupTypeInOrder', [[], ['a'], ['b']]],
    ['Explicit: the clique spec.startsAfter', 'CliqueStartupTypeExplicit', [[], ['a'], ['a']]],
  ] as const)('%s', (_what, type, expected) => {
    const pcs = build(type);
    expect(['a', 'b', 'c'].map((c) => declaredDependencies(pcs, c))).toEqual(expected);
  });
});

describe('resolution to FQNs with the simple3 sample (§5; sga: replicas 3, minAvailable 2)', () => {
  const pcs = simple3();

  it.each<[string, string, CliquePlacement, StartupDependency[]]>([
    ['the first clique waits for nothing', 'pca', standalone, []],
    ['a base-gang member waits for a standalone clique with that clique\'s template minAvailable', 'pcb', member('sga', 0), [dep('simple3-0-pca', 3)]],
    ['the last base-gang replica resolves the same way', 'pcc', member('sga', 1), [dep('simple3-0-pca', 3)]],
    [
      'a base-gang member expands a same-group dependency to group replicas 0..minAvailable-1',
      'pcd',
      member('sga', 0),
      [dep('simple3-0-sga-0-pcb', 2), dep('simple3-0-sga-1-pcb', 2), dep('simple3-0-sga-0-pcc', 2), dep('simple3-0-sga-1-pcc', 2)],
    ],
    [
      'a standalone clique expands a grouped dependency to the base-gang replicas only',
      'pce',
      standalone,
      [dep('simple3-0-sga-0-pcb', 2), dep('simple3-0-sga-1-pcb', 2), dep('simple3-0-sga-0-pcc', 2), dep('simple3-0-sga-1-pcc', 2)],
    ],
    ['a scaled-gang member drops a dependency outside its group', 'pcb', member('sga', 2), []],
    ['a scaled-gang member keeps same-group dependencies, at its own group replica', 'pcd', member('sga', 2), [dep('simple3-0-sga-2-pcb', 2), dep('simple3-0-sga-2-pcc', 2)]],
  ])('%s', (_what, clique, placement, expected) => {
    expect(startupDependencies(pcs, 0, clique, placement)).toEqual(expected);
  });

  it('resolves within the given PCS replica', () => {
    expect(startupDependencies(pcs, 3, 'pcd', member('sga', 4))).toEqual([dep('simple3-3-sga-4-pcb', 2), dep('simple3-3-sga-4-pcc', 2)]);
    expect(startupDependencies(pcs, 3, 'pcb', member('sga', 1))).toEqual([dep('simple3-3-pca', 3)]);
  });
});

describe('InOrder across a scaling group (§5)', () => {
  const pcs = aPodCliqueSet('io')
    .clique('frontend', { replicas: 2, minAvailable: 1 })
    .clique('leader')
    .clique('worker', { replicas: 4, minAvailable: 3 })
    .clique('tail')
    .scalingGroup('grp', ['leader', 'worker'], { replicas: 3, minAvailable: 2 })
    .with({ cliqueStartupType: 'CliqueStartupTypeInOrder' })
    .build();

  it.each<[string, string, CliquePlacement, StartupDependency[]]>([
    ['base-gang leader waits for the standalone frontend', 'leader', member('grp', 1), [dep('io-0-frontend', 1)]],
    ['scaled-gang leader: frontend is in the base gang, dropped', 'leader', member('grp', 2), []],
    ['base-gang worker waits for the base-gang leaders', 'worker', member('grp', 0), [dep('io-0-grp-0-leader', 1), dep('io-0-grp-1-leader', 1)]],
    ['scaled-gang worker waits for its own replica\'s leader', 'worker', member('grp', 2), [dep('io-0-grp-2-leader', 1)]],
    ['standalone tail waits for the base-gang workers', 'tail', standalone, [dep('io-0-grp-0-worker', 3), dep('io-0-grp-1-worker', 3)]],
  ])('%s', (_what, clique, placement, expected) => {
    expect(startupDependencies(pcs, 0, clique, placement)).toEqual(expected);
  });
});

describe('placement checks', () => {
  const pcs = simple3();

  it.each<[string, string, CliquePlacement, RegExp]>([
    ['a grouped clique placed standalone', 'pcb', standalone, /belongs to scaling group "sga"/],
    ['a standalone clique placed in a group', 'pca', member('sga', 0), /not a member of scaling group "sga"/],
    ['an unknown group', 'pcb', member('nope', 0), /scaling group "nope"/],
    ['an unknown clique', 'nope', standalone, /clique "nope"/],
  ])('rejects %s', (_what, clique, placement, error) => {
    expect(() => startupDependencies(pcs, 0, clique, placement)).toThrow(error);
  });
});
