import { isConflict } from '@grove/watch-sdk/writes';

/** How the steps of a reconcile end, and how often Grove looks again at what it does not watch. */

/** Go on (optionally looking again after `requeueMs`), or stop here and look again later. */
export type StepOutcome = { readonly kind: 'continue'; readonly requeueMs?: number } | { readonly kind: 'requeue'; readonly ms: number; readonly reason: string };

export const CONTINUE: StepOutcome = Object.freeze({ kind: 'continue' });

/** Grove polls every 5 s for what it does not watch (token Secrets, rolling-update steps). */
export const POLL_MS = 5_000;

/**
 * For what the watches already bring back (pods joining a PodGang, gangs listing pods, base gangs
 * getting scheduled): a slow safety net only, so that a thousand waiting objects are not re-read
 * every 5 s as Grove does.
 */
export const SAFETY_POLL_MS = 30_000;

/** How soon to look again after a write the cache does not show yet. */
export const CACHE_CATCH_UP_MS = 500;

/** The earliest of two requeue delays (undefined = none). */
export function soonest(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.min(a, b);
}

export function toError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}

/** The rejections of `Promise.allSettled`, as Errors. */
export function rejections(results: readonly PromiseSettledResult<unknown>[]): Error[] {
  return results.flatMap((r) => (r.status === 'rejected' ? [toError(r.reason)] : []));
}

/**
 * True when every error is a 409 Conflict: the cache was behind a write (ours or someone's), so the
 * next reconcile, from a fresher cache, simply tries again — not a failure worth a log line.
 */
export function onlyConflicts(errors: readonly Error[]): boolean {
  return errors.length > 0 && errors.every((err) => isConflict(err));
}
