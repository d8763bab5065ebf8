/**
 * What a reconcile returns: exactly one outcome, which drives the work queue. Never "requeue and
 * an error" at once (controller-runtime ignores the requeue then and warns).
 *
 * - `done`: the key's backoff is reset; it runs again only when a watched object changes;
 * - `requeueAfter`: reset the backoff and run again after `ms` (polling something not watched);
 * - `error`: run again with per-key exponential backoff, unless every error is a `TerminalError`.
 */
export type ReconcileResult =
  | { readonly kind: 'done' }
  | { readonly kind: 'requeueAfter'; readonly ms: number; readonly reason: string }
  | { readonly kind: 'error'; readonly errors: readonly Error[] };

const DONE: ReconcileResult = Object.freeze({ kind: 'done' });

export function done(): ReconcileResult {
  return DONE;
}

export function requeueAfter(ms: number, reason: string): ReconcileResult {
  return { kind: 'requeueAfter', ms, reason };
}

export function fail(...errors: Error[]): ReconcileResult {
  return { kind: 'error', errors };
}
