import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_HEALTH_PORT, parseConfig } from './config.js';

const inCluster = { KUBERNETES_SERVICE_HOST: '10.0.0.1' };

function configError(argv: string[], env: Record<string, string> = inCluster): ConfigError {
  try {
    parseConfig(argv, env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfig', () => {
  it('uses defaults in a cluster', () => {
    expect(parseConfig([], inCluster)).toEqual({
      kubeconfig: { kind: 'in-cluster' },
      healthPort: DEFAULT_HEALTH_PORT,
      healthHost: '0.0.0.0',
      logLevel: 'info',
    });
  });

  it('takes the kubeconfig and log level from the environment', () => {
    const config = parseConfig([], { KUBECONFIG: '/k/config', LOG_LEVEL: 'debug' });
    expect(config.kubeconfig).toEqual({ kind: 'file', path: '/k/config' });
    expect(config.logLevel).toBe('debug');
  });

  it('lets flags override the environment and defaults', () => {
    const argv = ['--kubeconfig=/a', '--health-port', '0', '--health-host=127.0.0.1', '--log-level=error'];
    expect(parseConfig(argv, { KUBECONFIG: '/b', LOG_LEVEL: 'debug' })).toEqual({
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
    const err = configError(argv);
    expect(err.flag).toBe(flag);
    expect(err.message).toMatch(new RegExp(`^invalid ${flag}: [^\\n]+$`));
  });

  it('names the environment variable a bad value came from', () => {
    expect(configError([], { ...inCluster, LOG_LEVEL: 'loud' }).flag).toBe('--log-level (from LOG_LEVEL)');
  });

  it('fails outside a cluster without a kubeconfig', () => {
    expect(configError([], {}).flag).toBe('--kubeconfig');
  });
});
