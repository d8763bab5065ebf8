import { describe, expect, it } from 'vitest';
import { DEPLOYABLES, launchCommand } from './deployables.js';

describe('launchCommand', () => {
  it('runs the app from source with the workspace condition, the kubeconfig and its own health port', () => {
    const app = DEPLOYABLES[0];
    if (!app) throw new Error('no deployables');
    const launch = launchCommand('/repo', app, '/k/kubeconfig', 8181);
    expect(launch.args).toEqual([
      '--conditions=@grove/source',
      '--import',
      'tsx',
      '/repo/apps/podcliqueset-controller/src/main.ts',
      '--kubeconfig=/k/kubeconfig',
      '--health-port=8181',
      '--health-host=127.0.0.1',
    ]);
  });

  it('appends extra flags after the common ones', () => {
    const app = DEPLOYABLES[1];
    if (!app) throw new Error('no deployables');
    const launch = launchCommand('/repo', app, '/k/kubeconfig', 8282, ['--namespace=ns-a', '--workers=2']);
    expect(launch.args.slice(-3)).toEqual(['--health-host=127.0.0.1', '--namespace=ns-a', '--workers=2']);
    expect(launchCommand('/repo', app, '/k/kubeconfig').args).not.toContain('--namespace=ns-a');
  });

  it('gives every deployable a distinct health port', () => {
    const ports = DEPLOYABLES.map((d) => d.healthPort);
    expect(new Set(ports).size).toBe(ports.length);
  });
});
