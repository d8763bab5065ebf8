/** What a controller reports, with controller-runtime's meaning; the manager adapts it to prom-client. */
export type ReconcileOutcome = 'success' | 'error' | 'requeue_after';

export interface ControllerMetrics {
  /** One finished reconcile (`controller_runtime_reconcile_total`, `..._reconcile_time_seconds`). */
  reconciled(outcome: ReconcileOutcome, seconds: number): void;
  /** An error result, or a throw (`..._reconcile_errors_total`, `..._terminal_reconcile_errors_total`). */
  failed(terminal: boolean): void;
  /** A reconcile threw instead of returning a result (`controller_runtime_reconcile_panics_total`). */
  threw(): void;
  /** Workers configured and busy (`..._max_concurrent_reconciles`, `..._active_workers`). */
  workers(max: number, active: number): void;
}

export const noopControllerMetrics: ControllerMetrics = {
  reconciled: () => undefined,
  failed: () => undefined,
  threw: () => undefined,
  workers: () => undefined,
};
