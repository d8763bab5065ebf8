/**
 * What a controller has created or deleted and not yet seen in its cache, so a stale cache never
 * makes it create a second pod (or delete one twice). The pattern of Grove's `internal/expect` and
 * kube-controller-manager's ControllerExpectations, tracked by child UID:
 *
 * - after a create returns, `expectCreations(parent, [uid])`; after a delete, `expectDeletions`;
 * - each reconcile first calls `sync(parent, uidsInCache)`: creations now in the cache and deletions
 *   now gone from it are settled (level-based, so a missed event cannot leave one stuck);
 * - while `satisfied(parent)` is false, the reconcile must not act on the counts in the cache.
 *
 * Parents are keyed by `namespace/name/uid` ({@link expectationKey}), not `namespace/name`: a parent
 * deleted and recreated under the same name must not inherit the old one's expectations (Grove bug
 * #782). Entries expire after `ttlMs` (5 min, as kube-controller-manager) so a lost watch event
 * cannot block a parent forever; `forget(parent)` clears them when the parent is deleted.
 */
import { systemClock, type Clock } from '../queue/clock.js';

interface Pending {
  creates: Set<string>;
  deletes: Set<string>;
  /** When the last expectation was recorded, on the store's clock. */
  since: number;
}

interface ParentLike {
  metadata?: { namespace?: string; name?: string; uid?: string };
}

/** `namespace/name/uid` of a parent object. */
export function expectationKey(parent: ParentLike): string {
  const { namespace = '', name = '', uid = '' } = parent.metadata ?? {};
  return `${namespace}/${name}/${uid}`;
}

export interface ExpectationsStoreOptions {
  clock?: Clock;
  /** Default 5 minutes. */
  ttlMs?: number;
}

export class ExpectationsStore {
  private readonly pending = new Map<string, Pending>();
  private readonly clock: Clock;
  private readonly ttlMs: number;

  constructor(options: ExpectationsStoreOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.ttlMs = options.ttlMs ?? 5 * 60_000;
  }

  expectCreations(parentKey: string, uids: Iterable<string>): void {
    const entry = this.entry(parentKey);
    for (const uid of uids) entry.creates.add(uid);
  }

  expectDeletions(parentKey: string, uids: Iterable<string>): void {
    const entry = this.entry(parentKey);
    for (const uid of uids) entry.deletes.add(uid);
  }

  /** Settles what the cache now shows: created children present, deleted children gone. */
  sync(parentKey: string, uidsInCache: Iterable<string>): void {
    const entry = this.pending.get(parentKey);
    if (entry === undefined) return;
    const inCache = new Set(uidsInCache);
    for (const uid of entry.creates) if (inCache.has(uid)) entry.creates.delete(uid);
    for (const uid of entry.deletes) if (!inCache.has(uid)) entry.deletes.delete(uid);
    this.dropIfSettled(parentKey, entry);
  }

  /** True when nothing is pending for the parent (or what is pending has expired). */
  satisfied(parentKey: string): boolean {
    const entry = this.pending.get(parentKey);
    if (entry === undefined) return true;
    if (this.clock.now() - entry.since >= this.ttlMs) {
      this.pending.delete(parentKey);
      return true;
    }
    return false;
  }

  pendingCreations(parentKey: string): string[] {
    return [...(this.pending.get(parentKey)?.creates ?? [])];
  }

  pendingDeletions(parentKey: string): string[] {
    return [...(this.pending.get(parentKey)?.deletes ?? [])];
  }

  /** The parent is gone: drop its expectations. */
  forget(parentKey: string): void {
    this.pending.delete(parentKey);
  }

  private entry(parentKey: string): Pending {
    let entry = this.pending.get(parentKey);
    if (entry === undefined) {
      entry = { creates: new Set(), deletes: new Set(), since: 0 };
      this.pending.set(parentKey, entry);
    }
    entry.since = this.clock.now();
    return entry;
  }

  private dropIfSettled(parentKey: string, entry: Pending): void {
    if (entry.creates.size === 0 && entry.deletes.size === 0) this.pending.delete(parentKey);
  }
}
