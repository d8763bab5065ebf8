import { describe, expect, it } from 'vitest';
import { parseCommand, REPO_ROOT, UsageError } from './options.js';

describe('parseCommand', () => {
  it('uses defaults: 8 nodes with 8 GPUs, the repo state folder and the home cache', () => {
    const parsed = parseCommand(['up'], {}, '/home/u');
    expect(parsed.command).toBe('up');
    expect(parsed.options.pool.count).toBe(8);
    expect(parsed.options.pool.capacity.gpus).toBe(8);
    expect(parsed.options.stateDir).toBe(`${REPO_ROOT}/.cache/cluster`);
    expect(parsed.options.cacheDir).toBe('/home/u/.cache/grove-ts');
    expect(parsed.options.portBase).toBe(16440);
    expect(parsed.options.withScheduler).toBe(true);
  });

  it('takes flags over the environment', () => {
    const env = { GROVE_NODES: '100', GROVE_PORT_BASE: '30000', GROVE_CACHE_DIR: '/c', GROVE_CLUSTER_DIR: '/s' };
    expect(parseCommand(['up'], env).options).toMatchObject({ portBase: 30000, cacheDir: '/c', stateDir: '/s' });
    expect(parseCommand(['up'], env).options.pool.count).toBe(100);
    const flags = parseCommand(['up', '--nodes', '3', '--gpus-per-node=4', '--no-scheduler', '--hosts-per-rack', '32'], env);
    expect(flags.options.pool.count).toBe(3);
    expect(flags.options.pool.capacity.gpus).toBe(4);
    expect(flags.options.pool.topology.hostsPerRack).toBe(32);
    expect(flags.options.withScheduler).toBe(false);
  });

  it('rejects non-integers and unknown flags with a usage error naming the flag', () => {
    expect(() => parseCommand(['up', '--nodes', 'many'], {})).toThrow(new UsageError('--nodes must be an integer, got "many"'));
    expect(() => parseCommand(['up', '--bogus'], {})).toThrow(/bogus/);
  });
});
