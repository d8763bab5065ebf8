/**
 * Leader election on a Lease, with client-go's rules:
 *
 * - a candidate takes the Lease when it is free, or when its holder has not renewed it for
 *   `leaseDurationMs` — measured on *this* process's clock from when it last saw the record change,
 *   never by comparing `renewTime` with local time (clocks of two machines disagree);
 * - every write is an update at the read resourceVersion, so two candidates never both win;
 * - the leader renews every `retryPeriodMs`; if no renewal succeeded for `renewDeadlineMs`, it stops
 *   leading *at once*, before `leaseDurationMs` lets anyone else take over (hence renewDeadline <
 *   leaseDuration);
 * - a graceful stop releases the Lease so a standby takes over without waiting for expiry.
 */
import type { Clock, Timer } from '../queue/clock.js';
import { systemClock } from '../queue/clock.js';
import type { LeaseClient, LeaseRecord, StoredLease } from './lease-client.js';

export interface LeaderElectionConfig {
  /** Unique per replica (e.g. pod name plus a random suffix). */
  identity: string;
  /** Default 15 s (client-go's). */
  leaseDurationMs?: number;
  /** Default 10 s; must be less than the lease duration. */
  renewDeadlineMs?: number;
  /** Default 2 s. */
  retryPeriodMs?: number;
}

export interface LeaderCallbacks {
  onStartedLeading(): void;
  /** Called at most once per term, as soon as leadership is lost or given up. */
  onStoppedLeading(): void;
}

export interface LeaderElectorDeps extends LeaderElectionConfig {
  client: LeaseClient;
  clock?: Clock;
  /** Returns a number in [0, 1): jitter for a candidate's retries. */
  random?: () => number;
  /** Told when a Lease call starts failing (not at every retry) and when it works again. */
  onLeaseError?: (err: unknown) => void;
}

export class LeaderElector {
  private readonly clock: Clock;
  private readonly leaseMs: number;
  private readonly renewDeadlineMs: number;
  private readonly retryMs: number;
  /** The last record seen and when (local clock): the basis of expiry. */
  private observed: { key: string; at: number } | undefined;
  private leading = false;
  private failing = false;
  private stopped = true;
  private tickTimer: Timer | undefined;
  private deadlineTimer: Timer | undefined;
  private callbacks: LeaderCallbacks | undefined;

  constructor(private readonly deps: LeaderElectorDeps) {
    this.clock = deps.clock ?? systemClock;
    this.leaseMs = deps.leaseDurationMs ?? 15_000;
    this.renewDeadlineMs = deps.renewDeadlineMs ?? 10_000;
    this.retryMs = deps.retryPeriodMs ?? 2_000;
    if (this.renewDeadlineMs >= this.leaseMs) throw new Error('renewDeadlineMs must be less than leaseDurationMs');
  }

  get isLeader(): boolean {
    return this.leading;
  }

  start(callbacks: LeaderCallbacks): void {
    this.callbacks = callbacks;
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops campaigning; a leader stops leading and, when `release`, frees the Lease. */
  async stop(release = true): Promise<void> {
    this.stopped = true;
    this.tickTimer?.cancel();
    const wasLeading = this.leading;
    this.loseLeadership();
    if (wasLeading && release) await this.release().catch(() => undefined);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.tickTimer = this.clock.setTimer(ms, () => void this.tick());
  }

  private async tick(): Promise<void> {
    const ok = await this.tryAcquireOrRenew().then(
      (acquired) => ((this.failing = false), acquired),
      (err: unknown) => {
        if (!this.failing) this.deps.onLeaseError?.(err);
        this.failing = true;
        return false;
      },
    );
    if (this.stopped) return;
    if (ok) this.renewed();
    // A candidate spreads its retries so that standbys do not hit the API server together.
    const jitter = this.leading ? 0 : Math.floor(this.retryMs * 0.2 * (this.deps.random ?? Math.random)());
    this.schedule(this.retryMs + jitter);
  }

  private renewed(): void {
    this.deadlineTimer?.cancel();
    this.deadlineTimer = this.clock.setTimer(this.renewDeadlineMs, () => this.loseLeadership());
    if (this.leading) return;
    this.leading = true;
    this.callbacks?.onStartedLeading();
  }

  private loseLeadership(): void {
    this.deadlineTimer?.cancel();
    this.deadlineTimer = undefined;
    if (!this.leading) return;
    this.leading = false;
    this.callbacks?.onStoppedLeading();
  }

  private async tryAcquireOrRenew(): Promise<boolean> {
    const now = this.clock.now();
    const current = await this.deps.client.get();
    if (current === undefined) {
      await this.deps.client.create(this.record(undefined, new Date()));
      return true;
    }
    this.observe(current, now);
    const { holderIdentity: holder, leaseDurationSeconds } = current.record;
    const heldByOther = holder !== undefined && holder !== '' && holder !== this.deps.identity;
    // The holder's own duration counts, from when this process saw its record last change.
    const expiresAt = (this.observed?.at ?? now) + (leaseDurationSeconds ? leaseDurationSeconds * 1000 : this.leaseMs);
    if (heldByOther && now < expiresAt) return false;
    return this.takeOver(current);
  }

  private async takeOver(current: StoredLease): Promise<boolean> {
    await this.deps.client.update(this.record(current.record, new Date()), current.resourceVersion);
    return true;
  }

  private observe(current: StoredLease, now: number): void {
    if (this.observed?.key !== current.resourceVersion) this.observed = { key: current.resourceVersion, at: now };
  }

  private record(previous: LeaseRecord | undefined, now: Date): LeaseRecord {
    const mine = previous?.holderIdentity === this.deps.identity;
    return {
      holderIdentity: this.deps.identity,
      leaseDurationSeconds: Math.ceil(this.leaseMs / 1000),
      acquireTime: mine && previous?.acquireTime ? previous.acquireTime : now,
      renewTime: now,
      leaseTransitions: (previous?.leaseTransitions ?? 0) + (previous && !mine ? 1 : 0),
    };
  }

  private async release(): Promise<void> {
    const current = await this.deps.client.get();
    if (current?.record.holderIdentity !== this.deps.identity) return;
    const record: LeaseRecord = { ...current.record, holderIdentity: '', leaseDurationSeconds: 1, renewTime: new Date() };
    await this.deps.client.update(record, current.resourceVersion);
  }
}
