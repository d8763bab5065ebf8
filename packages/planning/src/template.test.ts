import { aPodCliqueSet } from '@grove/fixtures';
import { describe, expect, it } from 'vitest';
import {
  cliqueMinAvailable,
  cliqueReplicas,
  scalingGroupOf,
  standaloneCliques,
  terminationDelayMs,
  DEFAULT_TERMINATION_DELAY_MS,
} from './template.js';

const pcs = aPodCliqueSet('svc')
  .clique('router', { replicas: 2, minAvailable: 1 })
  .clique('leader')
  .clique('worker', { replicas: 3, minAvailable: undefined })
  .scalingGroup('prefill', ['leader', 'worker'])
  .build();

describe('template views', () => {
  it('tells standalone cliques from scaling-group members', () => {
    expect(standaloneCliques(pcs).map((c) => c.name)).toEqual(['router']);
    expect(scalingGroupOf(pcs, 'worker')?.name).toBe('prefill');
    expect(scalingGroupOf(pcs, 'router')).toBeUndefined();
  });

  it('defaults minAvailable to replicas and replicas 0 to 1, as the webhook does', () => {
    const [router, , worker] = pcs.spec.template.cliques;
    if (router === undefined || worker === undefined) throw new Error('fixture has three cliques');
    expect([cliqueReplicas(router), cliqueMinAvailable(router)]).toEqual([2, 1]);
    expect(cliqueMinAvailable(worker)).toBe(3);
    expect(cliqueReplicas({ name: 'x', spec: { replicas: 0, podSpec: { containers: [] } } })).toBe(1);
  });

  it.each([
    ['10s', 10_000],
    ['1h30m', 5_400_000],
    [undefined, DEFAULT_TERMINATION_DELAY_MS],
    ['nonsense', DEFAULT_TERMINATION_DELAY_MS],
  ])('terminationDelay %s is %d ms', (text, ms) => {
    const p = aPodCliqueSet().clique('a').with({ terminationDelay: text }).build();
    expect(terminationDelayMs(p)).toBe(ms);
  });
});
