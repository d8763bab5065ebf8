import type { V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { orderScaleInVictims, planPodScale, type ScaleInput } from './scale.js';
import { aPod, type PodBuilder } from './test-support.js';

/** A scheduled, ready, current pod: the last one scale-in would pick. */
const healthy = (name: string): PodBuilder => aPod(name).scheduled().ready().hash('new');

function scale(pods: V1Pod[], replicas: number, extra: Partial<ScaleInput> = {}): ReturnType<typeof planPodScale> {
  return planPodScale({ pods, replicas, pendingCreates: 0, pendingDeleteUids: new Set(), expectedPodTemplateHash: 'new', ...extra });
}

const names = (pods: readonly V1Pod[]): (string | undefined)[] => pods.map((p) => p.metadata?.name);

describe('planPodScale (§2.3 steps 2–4)', () => {
  it('creates the missing pods', () => {
    expect(scale([healthy('a').build()], 3)).toEqual({ kind: 'create', count: 2 });
  });

  it('counts pods created but not yet in the cache (no double create)', () => {
    expect(scale([healthy('a').build()], 3, { pendingCreates: 2 })).toEqual({ kind: 'none' });
    expect(scale([healthy('a').build()], 4, { pendingCreates: 2 })).toEqual({ kind: 'create', count: 1 });
  });

  it('replaces a terminating pod at once: delete-first (Appendix A item 7)', () => {
    const pods = [healthy('a').build(), healthy('b').terminating().build()];
    expect(scale(pods, 2)).toEqual({ kind: 'create', count: 1 });
  });

  it('replaces a pod we deleted that the cache still shows', () => {
    expect(scale([healthy('a').build(), healthy('b').build()], 2, { pendingDeleteUids: new Set(['uid-b']) })).toEqual({ kind: 'create', count: 1 });
  });

  it('ignores pending deletes of pods already gone from the cache', () => {
    expect(scale([healthy('a').build()], 1, { pendingDeleteUids: new Set(['uid-gone']) })).toEqual({ kind: 'none' });
  });

  it('replaces Succeeded and Failed pods', () => {
    expect(scale([healthy('a').phase('Failed').build(), healthy('b').phase('Succeeded').build()], 2)).toEqual({ kind: 'create', count: 2 });
  });

  it('does nothing when the count matches', () => {
    expect(scale([healthy('a').build(), healthy('b').build()], 2)).toEqual({ kind: 'none' });
  });

  it('deletes the excess, never choosing a pod already being deleted', () => {
    // Both would sort first (unassigned / terminating) were they candidates.
    const pods = [aPod('pending-old').hash('old').build(), healthy('a').build(), healthy('b').build(), healthy('c').build(), healthy('dying').terminating().build()];
    const plan = scale(pods, 2, { pendingDeleteUids: new Set(['uid-pending-old']) });
    expect(plan.kind === 'delete' && names(plan.pods)).toEqual(['a']);
  });

  it('counts pending creates on scale-in too', () => {
    const plan = scale([healthy('a').build(), healthy('b').createdAt('2026-01-03T00:00:00Z').build()], 2, { pendingCreates: 1 });
    expect(plan.kind === 'delete' && names(plan.pods)).toEqual(['b']);
  });
});

describe('orderScaleInVictims (§2.3 step 4), rules in priority order', () => {
  it.each<[string, PodBuilder, PodBuilder]>([
    // Each row: the first pod must go before the second although it wins every later rule.
    ['(0) terminating before anything', healthy('first').terminating().createdAt('2020-01-01T00:00:00Z'), aPod('second').hash('old')],
    ['(1) unassigned before assigned', aPod('first').phase('Running').ready().createdAt('2020-01-01T00:00:00Z'), healthy('second').phase('Pending').hash('old')],
    ['(2) Pending before Unknown', healthy('first').phase('Pending').createdAt('2020-01-01T00:00:00Z'), aPod('second').node('n').phase('Unknown').hash('old')],
    ['(2) Unknown before Running', healthy('first').phase('Unknown').createdAt('2020-01-01T00:00:00Z'), aPod('second').scheduled().hash('old')],
    ['(3) not ready before ready', aPod('first').scheduled().createdAt('2020-01-01T00:00:00Z'), healthy('second').hash('old')],
    ['(4) outdated hash before expected hash', healthy('first').hash('old').createdAt('2020-01-01T00:00:00Z'), healthy('second')],
    ['(5) no creation time first', healthy('first').createdAt(undefined), healthy('second').createdAt('2030-01-01T00:00:00Z')],
    ['(5) then newest first', healthy('first').createdAt('2026-06-01T00:00:00Z'), healthy('second').createdAt('2026-01-01T00:00:00Z')],
  ])('%s', (_, first, second) => {
    expect(names(orderScaleInVictims([second.build(), first.build()], 'new'))).toEqual(['first', 'second']);
  });

  it('skips the hash rule when no hash is expected', () => {
    const pods = [healthy('old').hash('old').createdAt('2026-01-01T00:00:00Z'), healthy('newer').createdAt('2026-06-01T00:00:00Z')];
    expect(names(orderScaleInVictims(pods.map((p) => p.build()), undefined))).toEqual(['newer', 'old']);
  });

  it('keeps the input order of equal pods and leaves the input untouched', () => {
    const pods = [healthy('a').build(), healthy('b').build(), healthy('c').build()];
    const input = [...pods];
    expect(names(orderScaleInVictims(pods, 'new'))).toEqual(['a', 'b', 'c']);
    expect(pods).toEqual(input);
  });

  it('sorts a mixed clique fully', () => {
    const pods = [
      healthy('ready-old-hash').hash('old'),
      healthy('ready-newest').createdAt('2026-03-01T00:00:00Z'),
      aPod('gated').gated(),
      aPod('running-not-ready').scheduled(),
      healthy('ready-oldest').createdAt('2025-01-01T00:00:00Z'),
    ].map((p) => p.build());
    expect(names(orderScaleInVictims(pods, 'new'))).toEqual(['gated', 'running-not-ready', 'ready-old-hash', 'ready-newest', 'ready-oldest']);
  });
});
