import { describe, expect, it } from 'vitest';
import { ConfigError, isDnsSubdomain, parseFlags, parseLogLevel } from './flags.js';

describe('parseFlags', () => {
  const FLAGS = { name: { type: 'string' }, tag: { type: 'string', multiple: true } } as const;

  it('returns typed values, repeated flags in order', () => {
    expect(parseFlags(['--tag=a', '--name', 'n', '--tag', 'b'], FLAGS)).toEqual({ name: 'n', tag: ['a', 'b'] });
  });

  it.each([
    [['--other'], '--other', 'unknown flag'],
    [['--name'], '--name', 'needs a value'],
    [['stray'], 'stray', 'unexpected argument'],
  ])('turns %j into a ConfigError naming %s', (argv, flag, problem) => {
    expect(() => parseFlags(argv, FLAGS)).toThrow(new ConfigError(flag, problem));
  });
});

describe('parseLogLevel', () => {
  it('prefers the flag, then LOG_LEVEL, then info', () => {
    expect(parseLogLevel('error', { LOG_LEVEL: 'debug' })).toBe('error');
    expect(parseLogLevel(undefined, { LOG_LEVEL: 'debug' })).toBe('debug');
    expect(parseLogLevel(undefined, {})).toBe('info');
  });
});

describe('isDnsSubdomain', () => {
  it.each(['a', 'podgang-scheduler', 'inference-0.prefill', 'x'.repeat(253)])('accepts %s', (name) => {
    expect(isDnsSubdomain(name)).toBe(true);
  });

  it.each(['', 'Gang_B', '-a', 'a-', 'a b', 'x'.repeat(254)])('rejects %j', (name) => {
    expect(isDnsSubdomain(name)).toBe(false);
  });
});
