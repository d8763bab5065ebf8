import { Registry } from 'prom-client';
import { of, NEVER } from 'rxjs';
import { describe, expect, it, vi } from 'vitest';
import { createLogger } from '@grove/telemetry';
import { toObjectKeys } from '../controller/handlers.js';
import { requeueAfter } from '../controller/result.js';
import { LeaderElector } from '../leader/leader-elector.js';
import { MemoryLeaseClient } from '../leader/lease-client.js';
import { FakeClock } from '../queue/clock.js';
import { ScriptedTransport } from '../watch/fake-transport.js';
import type { KubeObject } from '../watch/types.js';
import { Manager } from './manager.js';

const PODS = { group: '', version: 'v1', plural: 'pods', namespaced: true };
const TIMING = { leaseDurationMs: 15_000, renewDeadlineMs: 10_000, retryPeriodMs: 2_000 };
const settle = () => new Promise((resolve) => setImmediate(resolve));

async function run(clock: FakeClock, ms: number): Promise<void> {
  for (let t = 0; t < ms; t += 500) {
    clock.advance(500);
    await settle();
  }
}

function leaderManager(client: MemoryLeaseClient, clock: FakeClock, identity: string) {
  const reconciles: string[] = [];
  const onLostLeadership = vi.fn();
  const transport = new ScriptedTransport([of({ items: [{ metadata: { namespace: 'ns', name: 'p' } }], resourceVersion: '1' })], [NEVER]);
  const manager = new Manager({
    transport,
    logger: createLogger({ name: identity, level: 'silent' }),
    registry: new Registry(),
    leaderElection: new LeaderElector({ ...TIMING, client, clock, identity, random: () => 0 }),
    onLostLeadership,
  });
  manager.addController({
    name: 'c',
    watches: (informers) => [informers.informer<KubeObject>(PODS).events$().pipe(toObjectKeys())],
    reconcile: async () => (reconciles.push(identity), requeueAfter(1, 'poll')),
  });
  return { manager, reconciles, onLostLeadership };
}

describe('Manager with leader election', () => {
  it('is ready as a standby with warm caches, and reconciles only while leading', async () => {
    const client = new MemoryLeaseClient();
    await client.create({ holderIdentity: 'someone-else', leaseDurationSeconds: 15, renewTime: new Date() });
    const clock = new FakeClock();
    const { manager, reconciles } = leaderManager(client, clock, 'me');
    expect(await manager.start()).toBe(true);
    await run(clock, 5_000);
    expect(manager.isLeader).toBe(false);
    expect(manager.informers.informer<KubeObject>(PODS).store.size).toBe(1);
    expect(reconciles).toEqual([]);

    // The other holder never renews: after its lease duration this replica takes over.
    await run(clock, 15_000);
    expect(manager.isLeader).toBe(true);
    await vi.waitFor(() => expect(reconciles.length).toBeGreaterThan(0));
    await manager.stop();
    expect(client.holder).toBe('');
  });

  it('stops reconciling at once when it cannot renew, and reports the loss', async () => {
    const client = new MemoryLeaseClient();
    const clock = new FakeClock();
    const { manager, reconciles, onLostLeadership } = leaderManager(client, clock, 'me');
    await manager.start();
    await run(clock, 1_000);
    await vi.waitFor(() => expect(reconciles.length).toBeGreaterThan(0));
    client.failure = new Error('API server unreachable');
    await run(clock, TIMING.renewDeadlineMs);
    expect(onLostLeadership).toHaveBeenCalledTimes(1);
    const count = reconciles.length;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(reconciles.length).toBe(count);
  });
});
