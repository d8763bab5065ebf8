import { describe, expect, it } from 'vitest';
import { ConfigError } from '@grove/watch-sdk';
import { INIT_CONTAINER, podCliquesArg } from '@grove/planning';
import { parseConfig } from './config.js';

/** Asserts that parsing throws a one-line `ConfigError` naming `flag`. */
function expectRejected(argv: string[], env: Record<string, string>, flag: string): void {
  const parse = () => parseConfig(argv, env);
  expect(parse).toThrow(ConfigError);
  expect(parse).toThrow(expect.objectContaining({ flag, message: expect.stringMatching(/^invalid [^\n]+: [^\n]+$/) }));
}

describe('parseConfig', () => {
  it('has no dependencies and info logging by default', () => {
    expect(parseConfig([], {})).toEqual({ podcliques: [], logLevel: 'info', podInfoDir: '/var/grove/pod-info' });
  });

  it('reads the flags the operator writes (podCliquesArg) and its pod-info mount by default', () => {
    const argv = [podCliquesArg({ podClique: 'svc-0-sg-0-worker', minAvailable: 3 })];
    expect(parseConfig(argv, {})).toMatchObject({
      podcliques: [{ fqn: 'svc-0-sg-0-worker', minAvailable: 3 }],
      podInfoDir: INIT_CONTAINER.podInfoMountPath,
    });
  });

  it('takes an optional Go-duration --timeout and a --pod-info-dir', () => {
    expect(parseConfig(['--timeout=1m30s', '--pod-info-dir=/tmp/info'], {})).toMatchObject({ timeoutMs: 90_000, podInfoDir: '/tmp/info' });
    expect(parseConfig([], {})).not.toHaveProperty('timeoutMs');
  });

  it('collects repeated --podcliques flags in order', () => {
    const argv = ['--podcliques=inference-0-prefill:2', '--podcliques', 'inference-0-router:1'];
    expect(parseConfig(argv, {}).podcliques).toEqual([
      { fqn: 'inference-0-prefill', minAvailable: 2 },
      { fqn: 'inference-0-router', minAvailable: 1 },
    ]);
  });

  it('takes the log level from LOG_LEVEL unless --log-level is given', () => {
    expect(parseConfig([], { LOG_LEVEL: 'debug' }).logLevel).toBe('debug');
    expect(parseConfig(['--log-level=error'], { LOG_LEVEL: 'debug' }).logLevel).toBe('error');
  });

  it.each([
    [['--podcliques=prefill'], '--podcliques'],
    [['--podcliques=prefill:0'], '--podcliques'],
    [['--podcliques=prefill:two'], '--podcliques'],
    [['--podcliques=:1'], '--podcliques'],
    [['--podcliques=Pre_fill:1'], '--podcliques'],
    [['--podcliques=a:1', '--podcliques=a:2'], '--podcliques'],
    [['--podcliques'], '--podcliques'],
    [['--log-level=loud'], '--log-level'],
    [['--health-port=1'], '--health-port'],
    [['--timeout=10'], '--timeout'],
    [['--timeout=0s'], '--timeout'],
    [['--timeout=-5m'], '--timeout'],
    [['--timeout=1000h'], '--timeout'],
    [['--pod-info-dir='], '--pod-info-dir'],
  ])('rejects %j naming %s', (argv, flag) => {
    expectRejected(argv, {}, flag);
  });

  it('names LOG_LEVEL when the bad value came from the environment', () => {
    expectRejected([], { LOG_LEVEL: 'loud' }, '--log-level (from LOG_LEVEL)');
  });
});
