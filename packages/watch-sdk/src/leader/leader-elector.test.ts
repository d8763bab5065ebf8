import { describe, expect, it } from 'vitest';
import { FakeClock } from '../queue/clock.js';
import { LeaderElector } from './leader-elector.js';
import { MemoryLeaseClient } from './lease-client.js';

const TIMING = { leaseDurationMs: 15_000, renewDeadlineMs: 10_000, retryPeriodMs: 2_000 };
const settle = () => new Promise((resolve) => setImmediate(resolve));

/** Advances the fake clock in retry-period steps, letting the async lease calls finish in between. */
async function run(clock: FakeClock, ms: number, step = 500): Promise<void> {
  for (let t = 0; t < ms; t += step) {
    clock.advance(step);
    await settle();
  }
}

function candidate(client: MemoryLeaseClient, clock: FakeClock, identity: string) {
  const events: string[] = [];
  const elector = new LeaderElector({ ...TIMING, client, clock, identity, random: () => 0 });
  elector.start({ onStartedLeading: () => events.push('started'), onStoppedLeading: () => events.push('stopped') });
  return { elector, events };
}

describe('LeaderElector', () => {
  it('lets exactly one of two candidates lead', async () => {
    const client = new MemoryLeaseClient();
    const clock = new FakeClock();
    const a = candidate(client, clock, 'a');
    const b = candidate(client, clock, 'b');
    await run(clock, 30_000);
    expect([a.elector.isLeader, b.elector.isLeader].filter(Boolean)).toHaveLength(1);
    expect(client.holder).toBe(a.elector.isLeader ? 'a' : 'b');
  });

  it('hands over only after the dead leader\'s lease duration, and never earlier', async () => {
    const client = new MemoryLeaseClient();
    const clock = new FakeClock();
    const a = candidate(client, clock, 'a');
    await run(clock, 1_000);
    const b = candidate(client, clock, 'b');
    await run(clock, 6_000);
    expect(a.elector.isLeader && !b.elector.isLeader).toBe(true);

    // "Kill" a: it stops renewing and never releases.
    await a.elector.stop(false);
    const killedAt = clock.now();
    let tookOverAt: number | undefined;
    while (tookOverAt === undefined && clock.now() - killedAt < 30_000) {
      await run(clock, 500);
      if (b.elector.isLeader) tookOverAt = clock.now();
    }
    // Last renewal at most a retry period before the kill; b waits a full lease duration from it.
    expect((tookOverAt ?? Infinity) - killedAt).toBeGreaterThanOrEqual(TIMING.leaseDurationMs - TIMING.retryPeriodMs);
    expect((tookOverAt ?? Infinity) - killedAt).toBeLessThanOrEqual(TIMING.leaseDurationMs + 2 * TIMING.retryPeriodMs);
    expect(client.holder).toBe('b');
  });

  it('stops leading at the renew deadline when renewals fail, before anyone else may take over', async () => {
    const client = new MemoryLeaseClient();
    const clock = new FakeClock();
    const a = candidate(client, clock, 'a');
    await run(clock, 1_000);
    expect(a.events).toEqual(['started']);
    client.failure = new Error('API server unreachable');
    const cutAt = clock.now();
    while (a.elector.isLeader) await run(clock, 500);
    expect(clock.now() - cutAt).toBeLessThanOrEqual(TIMING.renewDeadlineMs);
    expect(a.events).toEqual(['started', 'stopped']);
    await a.elector.stop();
  });

  it('releases the lease on a graceful stop, so a standby takes over at its next retry', async () => {
    const client = new MemoryLeaseClient();
    const clock = new FakeClock();
    const a = candidate(client, clock, 'a');
    await run(clock, 1_000);
    const b = candidate(client, clock, 'b');
    await run(clock, 2_000);
    await a.elector.stop();
    expect(a.events).toEqual(['started', 'stopped']);
    await run(clock, 3_000);
    expect(b.elector.isLeader).toBe(true);
  });

  it('refuses a renew deadline that is not shorter than the lease', () => {
    const client = new MemoryLeaseClient();
    expect(() => new LeaderElector({ client, identity: 'x', leaseDurationMs: 10_000, renewDeadlineMs: 10_000 })).toThrow(/less than/);
  });
});
