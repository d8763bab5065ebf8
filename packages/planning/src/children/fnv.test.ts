import { describe, expect, it } from 'vitest';
import { fnv64a, safeEncodeString } from './fnv.js';

describe('fnv64a', () => {
  it.each([
    ['', 0xcbf29ce484222325n],
    ['a', 0xaf63dc4c8601ec8cn],
    ['foobar', 0x85944171f73967e8n],
  ])('matches the FNV-1a 64-bit reference value for %j', (text, expected) => {
    expect(fnv64a(text)).toBe(expected);
  });

  it('hashes UTF-8 bytes and stays within 64 bits', () => {
    expect(fnv64a('é')).not.toBe(fnv64a('e'));
    expect(fnv64a('x'.repeat(1000)) < 2n ** 64n).toBe(true);
  });
});

describe('safeEncodeString (k8s rand.SafeEncodeString)', () => {
  it('maps each decimal digit by its code point mod 27', () => {
    expect(safeEncodeString('0123456789')).toBe('456789bcdf');
  });

  it('turns a uint64 decimal into a label-safe value with no vowels', () => {
    const encoded = safeEncodeString((2n ** 64n - 1n).toString());
    expect(encoded).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{20}$/);
  });
});
