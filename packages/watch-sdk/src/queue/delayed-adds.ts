/**
 * Keys waiting for their `addAfter` time, ordered in a binary min-heap by due time, with a single
 * timer armed for the earliest one. A key waits at most once: adding it again with an earlier time
 * moves it forward, a later time is ignored (client-go's delaying queue does the same).
 */
import type { Clock, Timer } from './clock.js';

interface Entry {
  key: string;
  at: number;
}

export class DelayedAdds {
  private heap: Entry[] = [];
  /** The current due time of each waiting key; heap entries that disagree are stale. */
  private readonly dueAt = new Map<string, number>();
  private timer: Timer | undefined;
  private timerAt = Infinity;

  constructor(
    private readonly clock: Clock,
    private readonly onDue: (key: string) => void,
  ) {}

  get size(): number {
    return this.dueAt.size;
  }

  schedule(key: string, delayMs: number): void {
    const at = this.clock.now() + delayMs;
    const existing = this.dueAt.get(key);
    if (existing !== undefined && existing <= at) return;
    this.dueAt.set(key, at);
    this.push({ key, at });
    this.arm();
  }

  /** Drops every waiting key and the timer. */
  clear(): void {
    this.timer?.cancel();
    this.timer = undefined;
    this.timerAt = Infinity;
    this.heap = [];
    this.dueAt.clear();
  }

  private arm(): void {
    const head = this.peekLive();
    if (head === undefined || head.at >= this.timerAt) return;
    this.timer?.cancel();
    this.timerAt = head.at;
    this.timer = this.clock.setTimer(head.at - this.clock.now(), () => this.fire());
  }

  private fire(): void {
    this.timer = undefined;
    this.timerAt = Infinity;
    const now = this.clock.now();
    for (let head = this.peekLive(); head !== undefined && head.at <= now; head = this.peekLive()) {
      this.pop();
      this.dueAt.delete(head.key);
      this.onDue(head.key);
    }
    this.arm();
  }

  /** The earliest entry that is not stale, discarding stale ones on the way. */
  private peekLive(): Entry | undefined {
    for (let head = this.heap[0]; head !== undefined; head = this.heap[0]) {
      if (this.dueAt.get(head.key) === head.at) return head;
      this.pop();
    }
    return undefined;
  }

  private push(entry: Entry): void {
    const heap = this.heap;
    heap.push(entry);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if ((heap[parent] as Entry).at <= entry.at) break;
      heap[i] = heap[parent] as Entry;
      i = parent;
    }
    heap[i] = entry;
  }

  private pop(): void {
    const heap = this.heap;
    const last = heap.pop();
    if (last === undefined || heap.length === 0) return;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= heap.length) break;
      const right = left + 1;
      const child = right < heap.length && (heap[right] as Entry).at < (heap[left] as Entry).at ? right : left;
      if ((heap[child] as Entry).at >= last.at) break;
      heap[i] = heap[child] as Entry;
      i = child;
    }
    heap[i] = last;
  }
}
