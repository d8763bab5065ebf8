import { ConfigError } from '@grove/watch-sdk';
import { describe, expect, it } from 'vitest';
import { DEFAULT_HEALTH_PORT, DEFAULT_SCHEDULER_NAME, parseConfig } from './config.js';

// The shared flags are tested in @grove/watch-sdk; this covers what the scheduler adds.
const inCluster = { KUBERNETES_SERVICE_HOST: '10.0.0.1' };

describe('parseConfig', () => {
  it('uses defaults in a cluster', () => {
    expect(parseConfig([], inCluster)).toEqual({
      kubeconfig: { kind: 'in-cluster' },
      healthPort: DEFAULT_HEALTH_PORT,
      healthHost: '0.0.0.0',
      logLevel: 'info',
      schedulerName: DEFAULT_SCHEDULER_NAME,
    });
  });

  it('takes --scheduler-name next to the shared flags', () => {
    const config = parseConfig(['--scheduler-name=gang-b', '--health-port=0'], inCluster);
    expect(config).toMatchObject({ schedulerName: 'gang-b', healthPort: 0 });
  });

  it('takes a leader-election namespace', () => {
    expect(parseConfig(['--leader-election-namespace=grove-system'], inCluster).leaderElectionNamespace).toBe('grove-system');
    expect(parseConfig([], inCluster).leaderElectionNamespace).toBeUndefined();
  });

  it.each([
    [['--leader-election-namespace=Not_A_Namespace'], '--leader-election-namespace'],
    [['--scheduler-name=Gang_B'], '--scheduler-name'],
    [['--scheduler-name='], '--scheduler-name'],
    [['--scheduler-name'], '--scheduler-name'],
    [['--health-port=x'], '--health-port'],
  ])('rejects %j naming %s', (argv, flag) => {
    const parse = () => parseConfig(argv, inCluster);
    expect(parse).toThrow(ConfigError);
    expect(parse).toThrow(expect.objectContaining({ flag, message: expect.stringMatching(/^invalid [^\n]+: [^\n]+$/) }));
  });
});
