import { CONDITION_TYPE } from '@grove/api';
import type { V1Condition } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { EVER_HEALTHY_GRACE_MS, breachRemainingMs, everHealthy, everScheduled } from './breach.js';
import { HOUR, SECOND, T0, aScalingGroup, aStandalonePodClique, at } from './test/support.js';

const GRACE = EVER_HEALTHY_GRACE_MS;

describe('everScheduled (§4.1 "ever scheduled" gate)', () => {
  const podClique = () => aStandalonePodClique('svc', 0, 'router');

  it.each([
    ['PodCliqueScheduled True now', true, podClique().scheduled('True', at(GRACE + 60 * SECOND))],
    ['True since creation', true, podClique().scheduled('True', T0)],
    ['False, flipped more than 5 s after creation (was True before)', true, podClique().scheduled('False', at(GRACE + 1))],
    ['False, flipped exactly 5 s after creation', false, podClique().scheduled('False', at(GRACE))],
    ['False since its first status write', false, podClique().scheduled('False', at(SECOND))],
    ['Unknown, however late', false, podClique().scheduled('Unknown', at(60 * SECOND))],
    ['no PodCliqueScheduled condition yet', false, podClique()],
  ])('%s → %s', (_, expected, builder) => {
    expect(everScheduled(builder.build())).toBe(expected);
  });

  it('measures the grace from the PodClique’s own creation, not from T0', () => {
    const recreated = podClique().created(at(60 * SECOND)).scheduled('False', at(62 * SECOND));
    expect(everScheduled(recreated.build())).toBe(false);
    expect(everScheduled(recreated.scheduled('False', at(66 * SECOND)).build())).toBe(true);
  });

  it('is false when the creation time is unknown', () => {
    const built = podClique().scheduled('False', at(60 * SECOND)).build();
    delete built.metadata.creationTimestamp;
    expect(everScheduled(built)).toBe(false);
  });
});

describe('everHealthy (§4.1 "ever healthy" gate)', () => {
  const group = () => aScalingGroup('svc', 0, 'prefill', ['leader', 'worker']);

  it.each([
    ['MinAvailableBreached False now', true, group().breached('False', T0)],
    ['True, flipped more than 5 s after creation (was False before)', true, group().breached('True', at(GRACE + 1))],
    ['True, flipped exactly 5 s after creation', false, group().breached('True', at(GRACE))],
    ['True since its first status write (never started)', false, group().breached('True', at(2 * SECOND))],
    ['Unknown (update in progress)', false, group().breached('Unknown', at(60 * SECOND))],
    ['no MinAvailableBreached condition yet', false, group()],
  ])('%s → %s', (_, expected, builder) => {
    expect(everHealthy(builder.build())).toBe(expected);
  });
});

describe('breachRemainingMs (§4.1 remaining wait)', () => {
  const delay = 10 * SECOND;
  const breachedSince = (status: string, since: Date | string): V1Condition[] => [
    { type: CONDITION_TYPE.minAvailableBreached, status, reason: 'r', message: 'm', lastTransitionTime: since as Date },
  ];

  it.each([
    ['4 s into the breach', at(4 * SECOND), 6 * SECOND],
    ['exactly at the delay (expired)', at(10 * SECOND), 0],
    ['past the delay', at(15 * SECOND), -5 * SECOND],
  ])('True, %s → terminationDelay − (now − lastTransitionTime)', (_, now, expected) => {
    expect(breachRemainingMs(breachedSince('True', T0), delay, now)).toBe(expected);
  });

  it.each([
    ['no conditions', undefined],
    ['False', breachedSince('False', T0)],
    ['Unknown during an auto update (Appendix A item 6)', breachedSince('Unknown', T0)],
    ['only other conditions', [{ ...breachedSince('True', T0)[0], type: CONDITION_TYPE.podCliqueScheduled } as V1Condition]],
  ])('is undefined (not breached) for %s', (_, conditions) => {
    expect(breachRemainingMs(conditions, delay, at(5 * HOUR))).toBeUndefined();
  });

  it('reads an RFC 3339 string lastTransitionTime as the cache may hold it', () => {
    expect(breachRemainingMs(breachedSince('True', T0.toISOString()), delay, at(3 * SECOND))).toBe(7 * SECOND);
  });

  it('gives the full delay when the transition time is unreadable: missing data never terminates', () => {
    expect(breachRemainingMs(breachedSince('True', 'not a time'), delay, at(5 * HOUR))).toBe(delay);
  });
});
