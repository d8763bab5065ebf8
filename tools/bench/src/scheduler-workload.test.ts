import { describe, expect, it } from 'vitest';
import { seededRandom } from './scheduler-random.js';
import { BLOCK_LABEL, churnPlan, gangMix, podNames, RACK_LABEL, totalGpus } from './scheduler-workload.js';

describe('gangMix', () => {
  const full = gangMix(8192, 0.8, seededRandom(7));

  it('asks for round(fill × GPUs) exactly', () => {
    expect(totalGpus(full)).toBe(Math.round(8192 * 0.8));
  });

  it('has block gangs of 16 × 8 GPUs and rack gangs of 4 × 8 GPUs with their required keys', () => {
    const blocks = full.filter((g) => g.kind === 'block');
    const racks = full.filter((g) => g.kind === 'rack');
    expect(blocks.length).toBe(Math.floor((6554 * 0.4) / 128));
    expect(racks.length).toBe(Math.floor((6554 * 0.35) / 32));
    expect(blocks.every((g) => g.pods === 16 && g.gpusPerPod === 8 && g.required === BLOCK_LABEL)).toBe(true);
    expect(racks.every((g) => g.pods === 4 && g.gpusPerPod === 8 && g.required === RACK_LABEL)).toBe(true);
  });

  it('makes single-pod gangs of at most 8 GPUs without a constraint', () => {
    const singles = full.filter((g) => g.kind === 'single');
    expect(singles.length).toBeGreaterThan(0);
    expect(singles.every((g) => g.pods === 1 && g.gpusPerPod >= 1 && g.gpusPerPod <= 8 && g.required === undefined)).toBe(true);
  });

  it('is the same for the same seed, different for another, with unique names', () => {
    expect(gangMix(8192, 0.8, seededRandom(7))).toEqual(full);
    expect(gangMix(8192, 0.8, seededRandom(8))).not.toEqual(full);
    expect(new Set(full.map((g) => g.name)).size).toBe(full.length);
  });
});

describe('churnPlan', () => {
  it('deletes a share of the gangs and creates the same shapes under new names', () => {
    const gangs = gangMix(512, 0.8, seededRandom(1));
    const plan = churnPlan(gangs, 0.2, seededRandom(2));
    expect(plan.deleted.length).toBe(Math.round(gangs.length * 0.2));
    const shape = (g: { kind: string; pods: number; gpusPerPod: number }) => `${g.kind}/${g.pods}/${g.gpusPerPod}`;
    expect(plan.created.map(shape).sort()).toEqual(plan.deleted.map(shape).sort());
    const old = new Set(gangs.map((g) => g.name));
    expect(plan.created.some((g) => old.has(g.name))).toBe(false);
  });
});

describe('podNames', () => {
  it('names a gang’s pods in sortable order', () => {
    expect(podNames({ name: 'g', kind: 'rack', pods: 3, gpusPerPod: 8 })).toEqual(['g-00', 'g-01', 'g-02']);
  });
});
