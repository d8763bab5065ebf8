import { describe, expect, it } from 'vitest';
import { fragmentation, gangPlacedTimes, gangQuality, type NodeTopology } from './scheduler-quality.js';
import { BLOCK_LABEL, RACK_LABEL, type GangSpec } from './scheduler-workload.js';

// 2 blocks × 2 racks × 4 hosts, 8 GPUs each.
const nodes: NodeTopology[] = Array.from({ length: 16 }, (_, i) => ({
  name: `n${i}`,
  block: `b${Math.floor(i / 8)}`,
  rack: `b${Math.floor(i / 8)}-r${Math.floor(i / 4) % 2}`,
  gpus: 8,
}));
const byName = new Map(nodes.map((n) => [n.name, n]));
const rackGang: GangSpec = { name: 'r', kind: 'rack', pods: 4, gpusPerPod: 8, required: RACK_LABEL };
const blockGang: GangSpec = { name: 'b', kind: 'block', pods: 2, gpusPerPod: 8, required: BLOCK_LABEL };
const single: GangSpec = { name: 's', kind: 'single', pods: 1, gpusPerPod: 2 };

describe('gangQuality', () => {
  it('counts required met, one block and nothing partial for a packed placement', () => {
    const placement = new Map([['r-00', 'n0'], ['r-01', 'n1'], ['r-02', 'n2'], ['r-03', 'n3'], ['b-00', 'n4'], ['b-01', 'n8'], ['s-00', 'n9']]);
    const q = gangQuality([rackGang, blockGang, single], placement, byName);
    expect(q).toMatchObject({ gangs: 3, placed: 3, partial: 0, withRequired: 2, requiredMet: 1, multiPodPlaced: 2, oneBlock: 1, podsUnbound: 0 });
  });

  it('counts a gang with some pods bound as partial and its pods as unbound', () => {
    const q = gangQuality([rackGang], new Map([['r-00', 'n0']]), byName);
    expect(q).toMatchObject({ placed: 0, partial: 1, podsUnbound: 3, withRequired: 0 });
  });
});

describe('gangPlacedTimes', () => {
  it('is the last bind of each placed gang', () => {
    expect(gangPlacedTimes([blockGang, single], new Map([['b-00', 5], ['b-01', 9]]))).toEqual([9]);
  });
});

describe('fragmentation', () => {
  it('strands free GPUs no waiting gang can use', () => {
    // Every rack has one node with 6 of 8 GPUs used: a waiting 4-pod × 8-GPU rack gang fits in no rack
    // (3 whole nodes per rack), so all free GPUs are stranded for it.
    const filler: GangSpec[] = ['n0', 'n4', 'n8', 'n12'].map((_, i) => ({ name: `f${i}`, kind: 'single', pods: 1, gpusPerPod: 6 }));
    const placement = new Map(filler.map((g, i) => [`${g.name}-00`, ['n0', 'n4', 'n8', 'n12'][i] as string]));
    const f = fragmentation([...filler, rackGang], placement, nodes);
    expect(f).toMatchObject({ totalGpus: 128, usedGpus: 24, waitingGangs: 1, strandedGpus: 104, rackFragmentedGpus: 104, fullyFreeRacks: 0, racks: 4 });
  });

  it('strands only what a waiting gang cannot use', () => {
    // Rack b0-r0 is full but for n0 (8 free GPUs, too few whole nodes for a rack gang); a waiting
    // 2-GPU single can use every node with 2 free GPUs, so nothing is stranded.
    const filler: GangSpec[] = ['n1', 'n2', 'n3'].map((_, i) => ({ name: `f${i}`, kind: 'single', pods: 1, gpusPerPod: 8 }));
    const placement = new Map(filler.map((g, i) => [`${g.name}-00`, ['n1', 'n2', 'n3'][i] as string]));
    const f = fragmentation([...filler, single], placement, nodes);
    expect(f).toMatchObject({ waitingGangs: 1, strandedGpus: 0, fullyFreeRacks: 3, rackFragmentedGpus: 8 });
  });

  it('strands nothing when nothing waits', () => {
    expect(fragmentation([single], new Map([['s-00', 'n0']]), nodes).strandedGpus).toBe(0);
  });
});
