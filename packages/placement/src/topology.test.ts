import { describe, expect, it } from 'vitest';
import { placeGang, type PlacementResult } from './index.js';
import { aGang, aGroup, aNode, BLOCK, GPU, HOST, RACK, snapshotOf, topologyNodes } from './test-support.js';

const gpus = (n: number) => ({ [GPU]: n });
const nodes = (result: PlacementResult): string[] => (result.placed ? result.assignments.map((a) => a.node) : []);
const label = (key: string) => (node: string) => (key === RACK ? node.split('-').slice(0, 3).join('-') : key === BLOCK ? node.split('-').slice(0, 2).join('-') : node);
const domainsOf = (result: PlacementResult, key: string) => new Set(nodes(result).map(label(key)));

/** 2 blocks × 2 racks × 4 hosts, 8 GPUs each; `fill` assumes pods taking all GPUs of the named hosts. */
function cluster(fill: string[] = []) {
  const snapshot = snapshotOf(topologyNodes({ blocks: 2, racks: 2, hosts: 4 }));
  for (const host of fill) snapshot.addPod(`ns/fill-${host}`, host, gpus(8));
  return snapshot;
}

describe('placeGang: topology', () => {
  it('gang-level required: every pod in one block, the one that fits', () => {
    const snapshot = cluster(['z0-b0-r0-h0', 'z0-b0-r0-h1']); // b0 has 6 free hosts, b1 has 8
    const gang = aGang('ns/g', [aGroup('a', 4, gpus(8)), aGroup('b', 3, gpus(8))], { pack: { required: BLOCK } });
    const result = placeGang(snapshot, gang);
    expect(domainsOf(result, BLOCK)).toEqual(new Set(['z0-b1']));
  });

  it('topology-group level: the groups of the topology group share one rack; others may go elsewhere', () => {
    const snapshot = cluster();
    const gang = aGang('ns/g', [aGroup('a', 2, gpus(8)), aGroup('b', 2, gpus(8)), aGroup('c', 6, gpus(8))], {
      topologyGroups: [{ name: 'sg-0', podGroupNames: ['a', 'b'], pack: { required: RACK } }],
    });
    const result = placeGang(snapshot, gang);
    expect(result.placed).toBe(true);
    const grouped = result.placed ? result.assignments.filter((a) => /ns\/[ab]-/.test(a.podKey)).map((a) => label(RACK)(a.node)) : [];
    expect(new Set(grouped).size).toBe(1);
    expect(grouped).toHaveLength(4);
  });

  it('podgroup level: each group on one host of its own choosing', () => {
    const snapshot = cluster();
    const gang = aGang('ns/g', [aGroup('a', 2, gpus(4), { pack: { required: HOST } }), aGroup('b', 4, gpus(2), { pack: { required: HOST } })]);
    const result = placeGang(snapshot, gang);
    const byGroup = (prefix: string) => new Set(result.placed ? result.assignments.filter((a) => a.podKey.startsWith(prefix)).map((a) => a.node) : []);
    expect(byGroup('ns/a-').size).toBe(1);
    expect(byGroup('ns/b-').size).toBe(1);
  });

  it('nests levels: block for the gang, a rack per topology group inside it', () => {
    const snapshot = cluster(['z0-b1-r0-h0']);
    const gang = aGang('ns/g', [aGroup('p', 4, gpus(8)), aGroup('d', 4, gpus(8))], {
      pack: { required: BLOCK },
      topologyGroups: [
        { name: 'prefill', podGroupNames: ['p'], pack: { required: RACK } },
        { name: 'decode', podGroupNames: ['d'], pack: { required: RACK } },
      ],
    });
    const result = placeGang(snapshot, gang);
    expect(domainsOf(result, BLOCK)).toEqual(new Set(['z0-b0']));
    expect(domainsOf(result, RACK)).toEqual(new Set(['z0-b0-r0', 'z0-b0-r1']));
  });

  it('best fit: picks the fullest rack that still fits', () => {
    // free hosts per rack: b0-r0: 4, b0-r1: 1, b1-r0: 3, b1-r1: 2
    const snapshot = cluster(['z0-b0-r1-h0', 'z0-b0-r1-h1', 'z0-b0-r1-h2', 'z0-b1-r0-h0', 'z0-b1-r1-h0', 'z0-b1-r1-h1']);
    const result = placeGang(snapshot, aGang('ns/g', [aGroup('a', 3, gpus(8))], { pack: { required: RACK } }));
    expect(domainsOf(result, RACK)).toEqual(new Set(['z0-b1-r0']));
    const two = placeGang(snapshot, aGang('ns/g', [aGroup('a', 2, gpus(8))], { pack: { required: RACK } }));
    expect(domainsOf(two, RACK)).toEqual(new Set(['z0-b1-r1']));
  });

  it('packs tightly inside a domain: most allocated nodes first', () => {
    const snapshot = cluster();
    snapshot.addPod('ns/half', 'z0-b0-r0-h2', gpus(4));
    const result = placeGang(snapshot, aGang('ns/g', [aGroup('a', 6, gpus(2))], { pack: { required: RACK } }));
    expect(nodes(result).sort()).toEqual(['z0-b0-r0-h0', 'z0-b0-r0-h0', 'z0-b0-r0-h0', 'z0-b0-r0-h0', 'z0-b0-r0-h2', 'z0-b0-r0-h2']);
  });

  it('preferred: one domain when one fits (score 1), else few domains (score < 1) instead of failing', () => {
    const snapshot = cluster();
    const fits = placeGang(snapshot, aGang('ns/g', [aGroup('a', 4, gpus(8))], { pack: { preferred: RACK } }));
    expect(domainsOf(fits, RACK).size).toBe(1);
    expect(fits).toMatchObject({ placed: true, score: 1 });
    const spills = placeGang(snapshot, aGang('ns/g', [aGroup('a', 6, gpus(8))], { pack: { preferred: RACK } }));
    expect(domainsOf(spills, RACK).size).toBe(2);
    expect(spills).toMatchObject({ placed: true, score: 0.5 });
    const required = placeGang(snapshot, aGang('ns/g', [aGroup('a', 6, gpus(8))], { pack: { required: RACK } }));
    expect(required.placed).toBe(false);
  });

  it('preferred inside required: one rack of the chosen block when possible', () => {
    const snapshot = cluster(['z0-b0-r0-h0']);
    const result = placeGang(snapshot, aGang('ns/g', [aGroup('a', 4, gpus(8))], { pack: { required: BLOCK, preferred: RACK } }));
    expect(domainsOf(result, RACK).size).toBe(1);
    expect(result).toMatchObject({ placed: true, score: 1 });
  });

  it('bound pods pin the domain, even over a better fit', () => {
    const snapshot = cluster(['z0-b0-r0-h0', 'z0-b0-r0-h1']); // b0-r0 is the best fit for 2 pods
    const result = placeGang(snapshot, aGang('ns/g', [aGroup('a', 2, gpus(8), { boundNodes: ['z0-b1-r1-h0'], pack: { required: RACK } })]));
    expect(domainsOf(result, RACK)).toEqual(new Set(['z0-b1-r1']));
  });

  it('fails clearly when bound pods already span two domains of a required key', () => {
    const snapshot = cluster();
    const result = placeGang(snapshot, aGang('ns/g', [aGroup('a', 1, gpus(8), { boundNodes: ['z0-b0-r0-h0', 'z0-b1-r0-h0'], pack: { required: RACK } })]));
    expect(result).toEqual({
      placed: false,
      reason: 'Unschedulable',
      message: 'podgroup a requires one topology.grove.io/rack but its pods already run in 2 rack domains (z0-b0-r0, z0-b1-r0), so it cannot hold',
    });
  });

  it('extras stay in the required domain of the minimum; the ones that do not fit are left out', () => {
    const snapshot = cluster(['z0-b0-r0-h0']);
    const result = placeGang(snapshot, aGang('ns/g', [aGroup('a', 6, gpus(8), { minReplicas: 2, pack: { required: RACK } })]));
    expect(result).toMatchObject({ placed: true, minimumCount: 2 });
    expect(nodes(result)).toHaveLength(3); // best fit rack b0-r0 (3 free hosts) holds the minimum; one more fits there
    expect(domainsOf(result, RACK)).toEqual(new Set(['z0-b0-r0']));
  });

  it('says which rack came closest and why the other nodes did not count', () => {
    const snapshot = snapshotOf([
      ...topologyNodes({ blocks: 1, racks: 2, hosts: 4 }),
      aNode('z0-b0-r1-bad', { labels: { [RACK]: 'z0-b0-r1' }, unschedulable: true }),
      aNode('loose', { ready: false }),
    ]);
    snapshot.addPod('ns/x', 'z0-b0-r0-h0', gpus(8));
    const result = placeGang(snapshot, aGang('ns/g', [aGroup('pcs-0-decode', 5, gpus(8), { pack: { required: RACK } })]));
    expect(result).toEqual({
      placed: false,
      reason: 'Unschedulable',
      message:
        'podgroup pcs-0-decode needs 5 pods with nvidia.com/gpu: 8 in one topology.grove.io/rack: the best rack (z0-b0-r1) has room for 4; of 10 nodes: 1 short of nvidia.com/gpu, 1 cordoned, 1 not Ready',
    });
  });

  it('names the nested constraint when the outer domain had the room', () => {
    // Every host has 6 GPUs free: a block has plenty, but no host takes 2 pods × 4 GPUs.
    const snapshot = cluster();
    for (const node of snapshot.nodeStates()) snapshot.addPod(`ns/x-${node.info.name}`, node.info.name, gpus(2));
    const gang = aGang('ns/g', [aGroup('w', 2, gpus(4), { pack: { required: HOST } })], { pack: { required: BLOCK } });
    const result = placeGang(snapshot, gang);
    expect(!result.placed && result.message).toMatch(/^podgroup w needs 2 pods with nvidia.com\/gpu: 4 in one kubernetes.io\/hostname: the best hostname \(z0-b0-r0-h0\) has room for 1/);
  });

  it('reports the gang level when no block can hold the gang', () => {
    const snapshot = cluster();
    const result = placeGang(snapshot, aGang('ns/g', [aGroup('a', 5, gpus(8)), aGroup('b', 4, gpus(8))], { pack: { required: BLOCK } }));
    expect(!result.placed && result.message).toBe('gang ns/g needs 9 pods with nvidia.com/gpu: 8 in one topology.grove.io/block: the best block (z0-b0) has room for 8');
  });

  it('maxDomainsToScore bounds the domains scored when preferred cannot hold', () => {
    const snapshot = cluster();
    const gang = aGang('ns/g', [aGroup('a', 6, gpus(8))], { pack: { required: BLOCK, preferred: RACK } });
    for (const maxDomainsToScore of [1, 2]) {
      const result = placeGang(snapshot, gang, { maxDomainsToScore });
      expect(result).toMatchObject({ placed: true, score: 0.5 });
    }
  });
});
