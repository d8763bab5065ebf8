/**
 * The three calls leader election makes on its `coordination.k8s.io/v1` Lease, behind an interface
 * so the elector's timing logic is tested with an in-memory lease and a fake clock.
 */
export interface LeaseRecord {
  holderIdentity?: string;
  leaseDurationSeconds?: number;
  acquireTime?: Date;
  renewTime?: Date;
  leaseTransitions?: number;
}

export interface StoredLease {
  readonly record: LeaseRecord;
  /** For the optimistic-concurrency update; compared for equality only. */
  readonly resourceVersion: string;
}

export interface LeaseClient {
  /** `undefined` when the Lease does not exist. */
  get(): Promise<StoredLease | undefined>;
  /** Fails if the Lease exists by now (someone else created it first). */
  create(record: LeaseRecord): Promise<void>;
  /** Fails with a conflict if the Lease changed since `resourceVersion` was read. */
  update(record: LeaseRecord, resourceVersion: string): Promise<void>;
}

/** An in-memory {@link LeaseClient} with the API server's optimistic concurrency, for tests. */
export class MemoryLeaseClient implements LeaseClient {
  private stored: StoredLease | undefined;
  private version = 0;
  /** When set, every call fails with it (an unreachable API server). */
  failure: Error | undefined;

  async get(): Promise<StoredLease | undefined> {
    this.check();
    return this.stored && { record: { ...this.stored.record }, resourceVersion: this.stored.resourceVersion };
  }

  async create(record: LeaseRecord): Promise<void> {
    this.check();
    if (this.stored) throw new Error('lease already exists');
    this.stored = { record: { ...record }, resourceVersion: String(++this.version) };
  }

  async update(record: LeaseRecord, resourceVersion: string): Promise<void> {
    this.check();
    if (this.stored?.resourceVersion !== resourceVersion) throw new Error('conflict');
    this.stored = { record: { ...record }, resourceVersion: String(++this.version) };
  }

  /** The current holder, for assertions. */
  get holder(): string | undefined {
    return this.stored?.record.holderIdentity;
  }

  private check(): void {
    if (this.failure) throw this.failure;
  }
}
