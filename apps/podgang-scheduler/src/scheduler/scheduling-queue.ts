/**
 * The scheduling queue (kube-scheduler's activeQ / backoffQ / unschedulable pods, per gang):
 *
 * - **active** units wait in a heap by rank: PriorityClass value (higher first), then creation
 *   time (older first), then name; `pop` hands out the best one, which is then *in flight*;
 * - an **unschedulable** unit is *parked* with a per-unit exponential backoff floor (1 s → 30 s):
 *   it comes back only when `activate`/`activateAll` says the cluster changed in a way that can
 *   help, and never before its floor (it waits in the *backoff* heap until then);
 * - a unit **waiting** for its pods (gang not ready) is parked without backoff, and only its own
 *   changes (`activate(key)`) bring it back, not cluster changes;
 * - a change reported while a unit is in flight is remembered, so a failing cycle that raced with
 *   the change that would have made it fit retries instead of parking (no lost wake-up).
 *
 * Pure apart from the injected clock; the caller arms a timer for {@link nextDueInMs}.
 */
import type { Clock } from '@grove/watch-sdk';
import { MinHeap } from './heap.js';

export interface Rank {
  readonly priority: number;
  readonly createdMs: number;
  readonly name: string;
}

/** Negative when `a` goes first. */
export function compareRank(a: Rank, b: Rank): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  if (a.createdMs !== b.createdMs) return a.createdMs - b.createdMs;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

export interface QueueBackoff {
  readonly baseMs: number;
  readonly maxMs: number;
}

export const DEFAULT_QUEUE_BACKOFF: QueueBackoff = { baseMs: 1_000, maxMs: 30_000 };

/** How a cycle (or a binding) ended for a unit. */
export type UnitOutcome =
  /** Everything placed: the unit leaves the queue until a change of it adds it again. */
  | 'scheduled'
  /** The minimum is placed, best-effort extras are left: parked without backoff. */
  | 'partial'
  | 'unschedulable'
  | 'waiting'
  /** The object is gone or has nothing left to place. */
  | 'gone';

export type UnitState = 'active' | 'backoff' | 'parked' | 'waiting' | 'inflight';

interface Entry {
  readonly key: string;
  rank: Rank;
  state: UnitState;
  attempts: number;
  notBefore: number;
  /** Identifies the heap node that is current for this entry; older nodes are stale. */
  seq: number;
  kicked: boolean;
}

interface Node {
  readonly key: string;
  readonly seq: number;
  readonly rank: Rank;
  readonly at: number;
}

export class SchedulingQueue {
  private readonly entries = new Map<string, Entry>();
  private readonly active = new MinHeap<Node>((a, b) => compareRank(a.rank, b.rank) < 0);
  private readonly backoff = new MinHeap<Node>((a, b) => a.at < b.at);
  private seq = 0;

  constructor(
    private readonly clock: Pick<Clock, 'now'>,
    private readonly backoffOptions: QueueBackoff = DEFAULT_QUEUE_BACKOFF,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  /** Adds a unit (active at once) or updates the rank of a known one. */
  upsert(key: string, rank: Rank): void {
    const entry = this.entries.get(key);
    if (entry === undefined) {
      const created: Entry = { key, rank, state: 'parked', attempts: 0, notBefore: 0, seq: 0, kicked: false };
      this.entries.set(key, created);
      this.wake(created);
      return;
    }
    entry.rank = rank;
    if (entry.state === 'active') this.pushActive(entry);
  }

  remove(key: string): void {
    this.entries.delete(key);
  }

  /** The unit itself changed: retry it (after its backoff floor), waiting or not. */
  activate(key: string): void {
    const entry = this.entries.get(key);
    if (entry === undefined) return;
    if (entry.state === 'inflight') entry.kicked = true;
    else if (entry.state === 'parked' || entry.state === 'waiting') this.wake(entry);
  }

  /** The cluster changed in a way that can help: retry every unschedulable unit. */
  activateAll(): void {
    for (const entry of this.entries.values()) {
      if (entry.state === 'inflight') entry.kicked = true;
      else if (entry.state === 'parked') this.wake(entry);
    }
  }

  /** The best unit that is due, now in flight; undefined when none is. */
  pop(): string | undefined {
    this.flush();
    for (let node = this.active.pop(); node !== undefined; node = this.active.pop()) {
      const entry = this.entries.get(node.key);
      if (entry === undefined || entry.state !== 'active' || entry.seq !== node.seq) continue;
      entry.state = 'inflight';
      entry.kicked = false;
      return entry.key;
    }
    return undefined;
  }

  /** Ends the cycle of the in-flight unit `key`. */
  done(key: string, outcome: UnitOutcome): void {
    const entry = this.entries.get(key);
    if (entry === undefined || entry.state !== 'inflight') return;
    if (outcome === 'gone' || (outcome === 'scheduled' && !entry.kicked)) {
      this.entries.delete(key);
      return;
    }
    const kicked = entry.kicked;
    entry.kicked = false;
    if (outcome === 'partial' || outcome === 'scheduled') entry.attempts = 0;
    if (outcome === 'unschedulable') this.fail(entry);
    if (kicked) this.wake(entry);
    else entry.state = outcome === 'waiting' ? 'waiting' : 'parked';
  }

  /**
   * A unit whose binding failed after its cycle ended: back with one more backoff step (a unit in
   * flight again retries after its cycle; one already due stays due).
   */
  requeueFailed(key: string, rank: Rank): void {
    const entry = this.entries.get(key);
    if (entry === undefined) {
      const created: Entry = { key, rank, state: 'parked', attempts: 0, notBefore: 0, seq: 0, kicked: false };
      this.entries.set(key, created);
      this.fail(created);
      this.wake(created);
    } else if (entry.state === 'inflight') entry.kicked = true;
    else if (entry.state === 'parked' || entry.state === 'waiting') {
      this.fail(entry);
      this.wake(entry);
    }
  }

  /** True when `pop` would hand out a unit now. */
  hasDue(): boolean {
    this.flush();
    for (let node = this.active.peek(); node !== undefined; node = this.active.peek()) {
      const entry = this.entries.get(node.key);
      if (entry !== undefined && entry.state === 'active' && entry.seq === node.seq) return true;
      this.active.pop();
    }
    return false;
  }

  /** Milliseconds until the earliest backing-off unit becomes active; undefined when none waits. */
  nextDueInMs(): number | undefined {
    for (let node = this.backoff.peek(); node !== undefined; node = this.backoff.peek()) {
      const entry = this.entries.get(node.key);
      if (entry !== undefined && entry.state === 'backoff' && entry.seq === node.seq) return Math.max(0, node.at - this.clock.now());
      this.backoff.pop();
    }
    return undefined;
  }

  /** Units per state (for the pending gauges). */
  count(filter: (key: string, state: UnitState) => boolean): number {
    let n = 0;
    for (const entry of this.entries.values()) if (filter(entry.key, entry.state)) n++;
    return n;
  }

  keys(): string[] {
    return [...this.entries.keys()];
  }

  stateOf(key: string): UnitState | undefined {
    return this.entries.get(key)?.state;
  }

  /** One more failure: the backoff floor moves to now + base · 2^(attempts-1), capped. */
  private fail(entry: Entry): void {
    entry.attempts += 1;
    const { baseMs, maxMs } = this.backoffOptions;
    entry.notBefore = this.clock.now() + Math.min(baseMs * 2 ** (entry.attempts - 1), maxMs);
  }

  private wake(entry: Entry): void {
    if (entry.notBefore > this.clock.now()) {
      entry.state = 'backoff';
      entry.seq = ++this.seq;
      this.backoff.push({ key: entry.key, seq: entry.seq, rank: entry.rank, at: entry.notBefore });
    } else {
      entry.state = 'active';
      this.pushActive(entry);
    }
  }

  private pushActive(entry: Entry): void {
    entry.seq = ++this.seq;
    this.active.push({ key: entry.key, seq: entry.seq, rank: entry.rank, at: 0 });
  }

  /** Moves units whose backoff floor has passed to the active heap. */
  private flush(): void {
    const now = this.clock.now();
    for (let node = this.backoff.peek(); node !== undefined && node.at <= now; node = this.backoff.peek()) {
      this.backoff.pop();
      const entry = this.entries.get(node.key);
      if (entry === undefined || entry.state !== 'backoff' || entry.seq !== node.seq) continue;
      entry.state = 'active';
      this.pushActive(entry);
    }
  }
}
