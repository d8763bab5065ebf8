/** Polls until an assertion passes, like Gomega's Eventually; the last failure is rethrown on timeout. */
import { setTimeout as sleep } from 'node:timers/promises';

export interface EventuallyOptions {
  readonly timeoutMs?: number;
  readonly intervalMs?: number;
}

export async function eventually<T>(check: () => Promise<T> | T, opts: EventuallyOptions = {}): Promise<T> {
  const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() >= deadline) throw err;
      await sleep(opts.intervalMs ?? 200);
    }
  }
}
