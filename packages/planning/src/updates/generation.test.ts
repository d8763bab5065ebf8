import { aPodCliqueSet } from '@grove/fixtures';
import { describe, expect, it } from 'vitest';
import { planGenerationHash } from './generation.js';
import { NOW } from './test-support.js';

function pcsWith(currentGenerationHash: string | undefined, strategy: 'RollingRecreate' | 'OnDelete' = 'RollingRecreate') {
  const pcs = aPodCliqueSet('wl').clique('pc-a').build();
  pcs.spec.updateStrategy = { type: strategy };
  if (currentGenerationHash !== undefined) pcs.status = { currentGenerationHash, updatedReplicas: 2 };
  return pcs;
}

describe('planGenerationHash (§6.1)', () => {
  it('records the first hash without starting an update', () => {
    expect(planGenerationHash(pcsWith(undefined), 'h1', NOW)).toEqual({ kind: 'initialise', status: { currentGenerationHash: 'h1' } });
  });

  it('does nothing while the hash is unchanged', () => {
    expect(planGenerationHash(pcsWith('h1'), 'h1', NOW)).toEqual({ kind: 'unchanged' });
  });

  it('starts a RollingRecreate update on a changed hash: fresh record, updatedReplicas 0, new hash', () => {
    expect(planGenerationHash(pcsWith('h1'), 'h2', NOW)).toEqual({
      kind: 'startUpdate',
      status: { currentGenerationHash: 'h2', updatedReplicas: 0, updateProgress: { updateStartedAt: NOW.toISOString() } },
    });
  });

  it('§6.5 OnDelete: the update record ends as it starts', () => {
    const step = planGenerationHash(pcsWith('h1', 'OnDelete'), 'h2', NOW);
    expect(step.kind).toBe('startUpdate');
    if (step.kind !== 'startUpdate') return;
    expect(step.status.updateProgress).toEqual({ updateStartedAt: NOW.toISOString(), updateEndedAt: NOW.toISOString() });
  });

  it('a change during a running update replaces its record (counts and currentlyUpdating start over)', () => {
    const pcs = pcsWith('h2');
    pcs.status = { ...pcs.status, updateProgress: { updateStartedAt: 'earlier', currentlyUpdating: [{ replicaIndex: 1 }] } };
    const step = planGenerationHash(pcs, 'h3', NOW);
    expect(step).toEqual({
      kind: 'startUpdate',
      status: { currentGenerationHash: 'h3', updatedReplicas: 0, updateProgress: { updateStartedAt: NOW.toISOString() } },
    });
  });
});
