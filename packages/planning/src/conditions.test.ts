import { describe, expect, it } from 'vitest';
import { conditionIs, removeCondition, setCondition, transitionMs } from './conditions.js';

const t0 = new Date('2026-01-01T00:00:00Z');
const t1 = new Date('2026-01-01T00:01:00Z');
const breached = { type: 'MinAvailableBreached', status: 'True', reason: 'InsufficientReadyPods', message: '1 < 2' } as const;

describe('setCondition', () => {
  it('adds a new condition stamped with now and the observed generation', () => {
    const [c] = setCondition(undefined, breached, t0, 3);
    expect(c).toEqual({ ...breached, lastTransitionTime: t0, observedGeneration: 3 });
  });

  it('keeps lastTransitionTime when only the reason or message changes', () => {
    const first = setCondition([], breached, t0);
    const [c] = setCondition(first, { ...breached, reason: 'ScheduledReplicasBelowMinAvailable' }, t1);
    expect(c?.reason).toBe('ScheduledReplicasBelowMinAvailable');
    expect(c?.lastTransitionTime).toBe(t0);
  });

  it('moves lastTransitionTime when the status changes', () => {
    const first = setCondition([], breached, t0);
    const [c] = setCondition(first, { ...breached, status: 'False', reason: 'SufficientReadyPods' }, t1);
    expect(c?.lastTransitionTime).toBe(t1);
  });

  it('returns the same content, untouched, when nothing differs', () => {
    const first = setCondition([], breached, t0);
    expect(setCondition(first, breached, t1)).toEqual(first);
  });

  it('leaves other conditions in place and in order', () => {
    const list = setCondition(setCondition([], { ...breached, type: 'A' }, t0), { ...breached, type: 'B' }, t0);
    const updated = setCondition(list, { ...breached, type: 'A', status: 'False' }, t1);
    expect(updated.map((c) => c.type)).toEqual(['A', 'B']);
    expect(removeCondition(updated, 'A').map((c) => c.type)).toEqual(['B']);
  });
});

describe('condition reads', () => {
  it('conditionIs matches type and status; transitionMs accepts strings and Dates', () => {
    const list = setCondition([], breached, t0);
    expect(conditionIs(list, 'MinAvailableBreached', 'True')).toBe(true);
    expect(conditionIs(list, 'MinAvailableBreached', 'False')).toBe(false);
    expect(conditionIs(list, 'Other', 'True')).toBe(false);
    expect(transitionMs({ ...breached, lastTransitionTime: '2026-01-01T00:00:00Z' as unknown as Date })).toBe(t0.getTime());
  });
});
