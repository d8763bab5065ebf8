/**
 * Two managers with leader election on a real Lease: only the leader reconciles; when the leader
 * dies (stops renewing, never releases) the other takes over within the lease duration; and the two
 * never reconcile at once, shown by a shared counter object every reconcile increments at its
 * resourceVersion (a conflict would mean two writers).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { CoreV1Api } from '@kubernetes/client-node';
import { adminKubeConfig, eventually, useTestNamespace } from '@grove/testing';
import { createLogger } from '@grove/telemetry';
import { createMetricsRegistry } from '@grove/telemetry/metrics';
import { describe, expect, it } from 'vitest';
import { requeueAfter, toObjectKeys } from '../src/controller/index.js';
import { LeaderElector, kubeLeaseClient, Manager } from '../src/manager/index.js';
import { httpTransport, type KubeObject } from '../src/watch/index.js';
import { CONFIGMAPS, configMap } from './support.js';

const kc = adminKubeConfig();
const core = kc.makeApiClient(CoreV1Api);
const TIMING = { leaseDurationMs: 3_000, renewDeadlineMs: 2_000, retryPeriodMs: 500 };

interface Interval {
  who: string;
  start: number;
  end: number;
}

describe('leader election on a real Lease', () => {
  const ns = useTestNamespace(() => kc, 'leader');

  it('hands over within the lease duration when the leader dies, and never lets both reconcile at once', async () => {
    const namespace = ns();
    await core.createNamespacedConfigMap({ namespace, body: configMap('counter', { n: '0', by: '' }) });
    const intervals: Interval[] = [];
    let conflicts = 0;

    /** Increments the shared counter at the read resourceVersion, as one leader's unit of work. */
    async function increment(who: string): Promise<void> {
      const start = performance.now();
      const current = await core.readNamespacedConfigMap({ namespace, name: 'counter' });
      await sleep(50);
      const n = Number(current.data?.['n'] ?? '0') + 1;
      const body = { ...current, data: { n: String(n), by: who } };
      await core.replaceNamespacedConfigMap({ namespace, name: 'counter', body }).catch(() => void conflicts++);
      intervals.push({ who, start, end: performance.now() });
    }

    function replica(who: string) {
      const elector = new LeaderElector({ ...TIMING, identity: who, client: kubeLeaseClient(kc, namespace, 'leader-test') });
      const manager = new Manager({
        transport: httpTransport(kc),
        logger: createLogger({ name: who, level: 'silent' }),
        registry: createMetricsRegistry({ defaultMetrics: false }),
        leaderElection: elector,
      });
      manager.addController({
        name: 'counter',
        watches: (informers) => [informers.informer<KubeObject>(CONFIGMAPS, { namespace, fieldSelector: 'metadata.name=counter' }).events$().pipe(toObjectKeys())],
        reconcile: async () => (await increment(who), requeueAfter(20, 'keep counting')),
      });
      return { who, elector, manager };
    }

    const replicas = [replica('replica-a'), replica('replica-b')];
    await Promise.all(replicas.map((r) => r.manager.start()));
    const leader = await eventually(() => {
      const found = replicas.find((r) => r.elector.isLeader);
      expect(found).toBeDefined();
      return found as (typeof replicas)[number];
    });
    const standby = replicas.find((r) => r !== leader) as (typeof replicas)[number];
    await eventually(() => expect(intervals.filter((i) => i.who === leader.who).length).toBeGreaterThan(3));
    expect(intervals.every((i) => i.who === leader.who)).toBe(true);

    // The leader dies: it stops renewing and never releases the Lease.
    await leader.elector.stop(false);
    const diedAt = performance.now();
    const firstOfStandby = await eventually(() => {
      const found = intervals.find((i) => i.who === standby.who);
      expect(found).toBeDefined();
      return found as Interval;
    }, { timeoutMs: 30_000 });
    await eventually(() => expect(intervals.filter((i) => i.who === standby.who).length).toBeGreaterThan(3));
    await standby.manager.stop();
    await leader.manager.stop();

    // Within the lease duration, plus a retry period and slack for a loaded 2-core machine.
    expect(firstOfStandby.start - diedAt).toBeLessThan(TIMING.leaseDurationMs + TIMING.retryPeriodMs + 2_000);
    const sorted = [...intervals].sort((x, y) => x.start - y.start);
    const overlaps = sorted.filter((cur, i) => i > 0 && (sorted[i - 1] as Interval).who !== cur.who && (sorted[i - 1] as Interval).end > cur.start);
    expect(overlaps).toEqual([]);
    expect(conflicts).toBe(0);
    const counter = await core.readNamespacedConfigMap({ namespace, name: 'counter' });
    expect(Number(counter.data?.['n'])).toBe(intervals.length);
  });
});
