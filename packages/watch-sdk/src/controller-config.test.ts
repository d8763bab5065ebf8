import { describe, expect, it } from 'vitest';
import { parseControllerConfig, type ControllerConfigOptions } from './controller-config.js';
import { ConfigError, type FlagSpecs } from './flags.js';

const inCluster = { KUBERNETES_SERVICE_HOST: '10.0.0.1' };

/** Every deployable passes its own default port; any will do here. */
const DEFAULT_HEALTH_PORT = 8089;

function parse(argv: string[], env: Record<string, string> = inCluster) {
  return parseControllerConfig(argv, env, { defaultHealthPort: DEFAULT_HEALTH_PORT });
}

/** Asserts `run` throws a one-line `ConfigError` naming `flag`. */
function expectConfigError(run: () => unknown, flag: string): void {
  expect(run).toThrow(ConfigError);
  expect(run).toThrow(expect.objectContaining({ flag, message: expect.stringMatching(/^invalid [^\n]+: [^\n]+$/) }));
}

describe('parseControllerConfig', () => {
  it.each([8081, 8084])('uses defaults in a cluster, with the deployable’s health port %i', (defaultHealthPort) => {
    expect(parseControllerConfig([], inCluster, { defaultHealthPort })).toEqual({
      kubeconfig: { kind: 'in-cluster' },
      healthPort: defaultHealthPort,
      healthHost: '0.0.0.0',
      logLevel: 'info',
    });
  });

  it('takes the kubeconfig and log level from the environment', () => {
    const config = parse([], { KUBECONFIG: '/k/config', LOG_LEVEL: 'debug' });
    expect(config.kubeconfig).toEqual({ kind: 'file', path: '/k/config' });
    expect(config.logLevel).toBe('debug');
  });

  it('lets flags override the environment and defaults', () => {
    const argv = ['--kubeconfig=/a', '--health-port', '0', '--health-host=127.0.0.1', '--log-level=error'];
    expect(parse(argv, { KUBECONFIG: '/b', LOG_LEVEL: 'debug' })).toEqual({
      kubeconfig: { kind: 'file', path: '/a' },
      healthPort: 0,
      healthHost: '127.0.0.1',
      logLevel: 'error',
    });
  });

  it.each([
    [['--health-port=http'], '--health-port'],
    [['--health-port=65536'], '--health-port'],
    [['--health-port=-1'], '--health-port'],
    [['--health-port=8.5'], '--health-port'],
    [['--health-port'], '--health-port'],
    [['--health-host=not a host'], '--health-host'],
    [['--log-level=verbose'], '--log-level'],
    [['--kubeconfig=/a:/b'], '--kubeconfig'],
    [['--no-such-flag'], '--no-such-flag'],
    [['stray'], 'stray'],
  ])('rejects %j naming %s', (argv, flag) => {
    expectConfigError(() => parse(argv), flag);
  });

  it('names the environment variable a bad value came from', () => {
    expectConfigError(() => parse([], { ...inCluster, LOG_LEVEL: 'loud' }), '--log-level (from LOG_LEVEL)');
    expectConfigError(() => parse([], { KUBECONFIG: '/a:/b' }), '--kubeconfig (from KUBECONFIG)');
  });

  it('fails outside a cluster without a kubeconfig', () => {
    expectConfigError(() => parse([], {}), '--kubeconfig');
  });
});

describe('parseControllerConfig with app flags', () => {
  const SHARD_FLAGS = { shard: { type: 'string' } } as const satisfies FlagSpecs;
  const options: ControllerConfigOptions<typeof SHARD_FLAGS, { shard: number }> = {
    defaultHealthPort: DEFAULT_HEALTH_PORT,
    extraFlags: SHARD_FLAGS,
    extra: (flags) => {
      const shard = Number(flags.shard ?? '0');
      if (!Number.isInteger(shard)) throw new ConfigError('--shard', `expected an integer, got '${flags.shard}'`);
      return { shard };
    },
  };

  it('adds the app’s fields next to the shared ones', () => {
    expect(parseControllerConfig(['--shard=3', '--log-level=debug'], inCluster, options)).toEqual({
      kubeconfig: { kind: 'in-cluster' },
      healthPort: DEFAULT_HEALTH_PORT,
      healthHost: '0.0.0.0',
      logLevel: 'debug',
      shard: 3,
    });
  });

  it('passes the app’s ConfigError through and still rejects unknown flags', () => {
    expectConfigError(() => parseControllerConfig(['--shard=x'], inCluster, options), '--shard');
    expectConfigError(() => parseControllerConfig(['--shards=1'], inCluster, options), '--shards');
  });

  it('validates the shared flags before the app’s', () => {
    expectConfigError(() => parseControllerConfig(['--shard=x', '--health-port=x'], inCluster, options), '--health-port');
  });

  it('keeps the shared flags’ meaning even when an app declares one again', () => {
    const clash = { ...options, extraFlags: { ...SHARD_FLAGS, 'health-port': { type: 'boolean' } } } as const;
    expect(parseControllerConfig(['--health-port=9000'], inCluster, clash).healthPort).toBe(9000);
  });
});
