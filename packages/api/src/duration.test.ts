import { describe, expect, it } from 'vitest';
import { parseGoDuration } from './duration.js';

describe('parseGoDuration', () => {
  it.each<[string, number | undefined]>([
    ['4h', 4 * 3_600_000],
    ['1h30m', 5_400_000],
    ['1.5s', 1500],
    ['.5m', 30_000],
    ['300ms', 300],
    ['10us', 0.01],
    ['0', 0],
    ['0s', 0],
    ['-2m', -120_000],
    ['+1s', 1000],
    ['', undefined],
    ['4', undefined],
    ['h', undefined],
    ['4d', undefined],
    ['4h ', undefined],
    ['.s', undefined],
  ])('%j → %s', (text, ms) => {
    expect(parseGoDuration(text)).toBe(ms);
  });
});
