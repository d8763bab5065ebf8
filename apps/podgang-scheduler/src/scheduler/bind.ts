/**
 * One pod binding (`pods/binding`), retried on transient errors: 429, 5xx and lost connections.
 * 404 means the pod is gone; 409 means it is bound already (by an earlier attempt of ours whose
 * answer was lost, or by someone else): the watch will show where, so neither is retried.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { KubeApiError } from '@grove/watch-sdk/writes';

export type BindOutcome =
  | { readonly kind: 'bound' }
  | { readonly kind: 'gone'; readonly error: Error }
  | { readonly kind: 'conflict'; readonly error: Error }
  | { readonly kind: 'failed'; readonly error: Error };

export type BindErrorClass = 'transient' | 'gone' | 'conflict' | 'permanent';

export function classifyBindError(err: unknown): BindErrorClass {
  if (!(err instanceof KubeApiError)) return 'permanent';
  if (err.code === 'ERR_KUBE_API_CONNECTION') return 'transient';
  const status = err.status ?? 0;
  if (status === 404) return 'gone';
  if (status === 409) return 'conflict';
  if (status === 429 || status >= 500) return 'transient';
  return 'permanent';
}

export interface BindRetryOptions {
  /** Tries in all. Default 5. */
  readonly attempts?: number;
  /** Delay before the 2nd try, doubled each time. Default 100 ms. */
  readonly baseDelayMs?: number;
  readonly wait?: (ms: number) => Promise<unknown>;
}

function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}

export async function bindWithRetry(bind: () => Promise<unknown>, options: BindRetryOptions = {}): Promise<BindOutcome> {
  const attempts = options.attempts ?? 5;
  const wait = options.wait ?? ((ms: number) => sleep(ms));
  for (let attempt = 1; ; attempt++) {
    try {
      await bind();
      return { kind: 'bound' };
    } catch (err) {
      const kind = classifyBindError(err);
      const error = asError(err);
      if (kind === 'gone') return { kind: 'gone', error };
      if (kind === 'conflict') return { kind: 'conflict', error };
      if (kind === 'permanent' || attempt >= attempts) return { kind: 'failed', error };
      await wait((options.baseDelayMs ?? 100) * 2 ** (attempt - 1));
    }
  }
}

/** At most `max` tasks at once (bindings of all gangs share it, so a burst cannot flood the API server). */
export class Limiter {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly max: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    // A finishing task hands its slot straight to the next waiter, so `max` is never exceeded.
    if (this.running >= this.max) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running++;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
