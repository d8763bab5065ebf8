import { describe, expect, it } from 'vitest';
import { ConfigError } from '@grove/watch-sdk';
import { DEFAULT_WORKERS, parseReconcilerBasics } from './flags.js';

describe('parseReconcilerBasics', () => {
  it('defaults to 4 workers and no leader election', () => {
    expect(parseReconcilerBasics({})).toEqual({ workers: DEFAULT_WORKERS, leaderElectionNamespace: undefined, namespace: undefined });
  });

  it('takes workers and a Lease namespace', () => {
    expect(parseReconcilerBasics({ workers: '8', 'leader-election-namespace': 'grove-system', namespace: 'team-a' })).toEqual({
      workers: 8,
      leaderElectionNamespace: 'grove-system',
      namespace: 'team-a',
    });
  });

  it.each([
    [{ workers: '0' }, '--workers'],
    [{ workers: 'many' }, '--workers'],
    [{ 'leader-election-namespace': 'Not_A_Namespace' }, '--leader-election-namespace'],
    [{ namespace: 'a/b' }, '--namespace'],
  ])('rejects %o naming %s', (flags, flag) => {
    expect(() => parseReconcilerBasics(flags)).toThrow(ConfigError);
    expect(() => parseReconcilerBasics(flags)).toThrow(flag);
  });
});
