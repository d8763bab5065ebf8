import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.js';

describe('canonicalJson (§6.1 hash input)', () => {
  it.each([
    ['key order', { b: 1, a: { d: [1, 2], c: 'x' } }, { a: { c: 'x', d: [1, 2] }, b: 1 }],
    ['undefined members', { a: 1, b: undefined }, { a: 1 }],
    ['a Date and its ISO text', { at: new Date('2026-01-02T03:04:05Z') }, { at: '2026-01-02T03:04:05.000Z' }],
  ])('ignores %s', (_what, left, right) => {
    expect(canonicalJson(left)).toBe(canonicalJson(right));
  });

  it.each([
    ['array order', [1, 2], [2, 1]],
    ['a number and its text', { a: 1 }, { a: '1' }],
    ['an empty object and none', { a: {} }, {}],
  ])('keeps %s significant', (_what, left, right) => {
    expect(canonicalJson(left)).not.toBe(canonicalJson(right));
  });

  it('sorts keys by code unit, not by locale, and escapes like JSON', () => {
    expect(canonicalJson({ b: 1, B: 2, 'a"': null })).toBe('{"B":2,"a\\"":null,"b":1}');
    expect(canonicalJson([undefined, 'é'])).toBe('[null,"é"]');
  });
});
