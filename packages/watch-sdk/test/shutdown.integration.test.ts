/**
 * A manager inside the deployable skeleton, against the real API server: `/readyz` turns green once
 * the caches are synced, `/metrics` serves controller-runtime's metrics, and SIGTERM during a
 * reconcile lets it finish before the process exits 0 within the deadline.
 */
import { EventEmitter } from 'node:events';
import { CoreV1Api } from '@kubernetes/client-node';
import { adminKubeConfig, eventually, useTestNamespace } from '@grove/testing';
import { createMetricsRegistry } from '@grove/telemetry/metrics';
import { describe, expect, inject, it, vi } from 'vitest';
import { done, toObjectKeys } from '../src/controller/index.js';
import { startDeployable } from '../src/deployable.js';
import { createManager, startManager } from '../src/manager/index.js';
import type { KubeObject } from '../src/watch/index.js';
import { CONFIGMAPS, configMap } from './support.js';

const kc = adminKubeConfig();

describe('manager in a deployable', () => {
  const ns = useTestNamespace(() => kc, 'shutdown');

  it('is ready once synced, serves /metrics, and on SIGTERM finishes the reconcile in flight, then exits 0', async () => {
    const namespace = ns();
    const signals = new EventEmitter();
    const exit = vi.fn<(code: number) => void>();
    const logs: Record<string, unknown>[] = [];
    const registry = createMetricsRegistry();
    let release = (): void => undefined;
    const reconciles: string[] = [];
    const started = startDeployable(
      {
        name: 'shutdown-test',
        config: { kubeconfig: { kind: 'file', path: inject('kubeconfig') }, healthPort: 0, healthHost: '127.0.0.1', logLevel: 'info' },
        metrics: registry,
        onReady: async (host) => {
          const manager = createManager(host, { registry, stopDeadlineMs: 5_000 });
          manager.addController({
            name: 'slow',
            watches: (informers) => [informers.informer<KubeObject>(CONFIGMAPS, { namespace }).events$().pipe(toObjectKeys())],
            reconcile: async (key) => {
              if (key.name !== 'slow') return done();
              reconciles.push('started');
              await new Promise<void>((resolve) => (release = resolve));
              reconciles.push('finished');
              return done();
            },
          });
          await startManager(manager, host);
        },
      },
      { signals, exit, logDestination: { write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>) } },
    );
    await started;
    const port = String(logs.find((l) => l['msg'] === 'health server listening')?.['port']);
    const base = `http://127.0.0.1:${port}`;
    expect((await fetch(`${base}/readyz`)).status).toBe(200);

    await kc.makeApiClient(CoreV1Api).createNamespacedConfigMap({ namespace, body: configMap('slow', { v: '1' }) });
    await eventually(() => expect(reconciles).toEqual(['started']));
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain('controller_runtime_active_workers{controller="slow"} 1');
    expect(metrics).toContain('process_cpu_user_seconds_total');

    signals.emit('SIGTERM', 'SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(exit).not.toHaveBeenCalled();
    release();
    await eventually(() => expect(exit).toHaveBeenCalledWith(0), { timeoutMs: 10_000 });
    expect(reconciles).toEqual(['started', 'finished']);
    expect(logs.map((l) => l['msg'])).toContain('controllers stopped');
  });
});
