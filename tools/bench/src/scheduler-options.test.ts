import { describe, expect, it } from 'vitest';
import { clusterArgs } from './scheduler-cluster.js';
import { FULL_SHAPE, nodeCount, parseOptions, UsageError } from './scheduler-options.js';
import { kubeSchedulerArgs, kubeSchedulerConfig } from './scheduler-processes.js';

describe('parseOptions', () => {
  it('defaults to the full configuration of issue 7', () => {
    const o = parseOptions([]);
    expect(o.shape).toEqual(FULL_SHAPE);
    expect(nodeCount(o.shape)).toBe(1024);
    expect(o).toMatchObject({ plainPods: 10_000, gpuFill: 0.8, churn: 0.2, schedulers: ['kube', 'podgang'], portBase: 18740 });
  });

  it('has a small development shape that flags can still change', () => {
    const o = parseOptions(['--small', '--plain-pods', '200', '--schedulers', 'podgang', '--blocks', '1']);
    expect(nodeCount(o.shape)).toBe(32);
    expect(o).toMatchObject({ plainPods: 200, schedulers: ['podgang'] });
    expect(nodeCount(parseOptions(['--small']).shape)).toBe(64);
  });

  it('refuses what it cannot run, naming the flag', () => {
    expect(() => parseOptions(['--gpu-fill', '1.5'])).toThrow(/--gpu-fill/);
    expect(() => parseOptions(['--schedulers', 'volcano'])).toThrow(UsageError);
    expect(() => parseOptions(['--gpus-per-node', '4'])).toThrow(/--gpus-per-node/);
    expect(() => parseOptions(['--bogus'])).toThrow(UsageError);
  });
});

describe('clusterArgs', () => {
  it('asks the cluster tool for one zone of the shape, on its own ports, without kube-scheduler', () => {
    const args = clusterArgs(FULL_SHAPE, 18740);
    expect(args.join(' ')).toBe(
      'up --nodes 1024 --gpus-per-node 8 --cpu-per-node 96 --memory-per-node 1Ti --hosts-per-rack 32 --racks-per-block 8 --blocks-per-zone 4 --port-base 18740 --no-scheduler',
    );
  });
});

describe('kube-scheduler', () => {
  it('runs one bench profile with QPS/burst 5000 and no leader election', () => {
    const config = JSON.parse(kubeSchedulerConfig('/k')) as Record<string, unknown>;
    expect(config).toEqual({
      apiVersion: 'kubescheduler.config.k8s.io/v1',
      kind: 'KubeSchedulerConfiguration',
      clientConnection: { kubeconfig: '/k', qps: 5000, burst: 5000 },
      leaderElection: { leaderElect: false },
      profiles: [{ schedulerName: 'bench-kube-scheduler' }],
    });
    expect(kubeSchedulerArgs('/c.yaml', '/k', 4000)).toContain('--secure-port=4000');
  });
});
