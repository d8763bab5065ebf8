/**
 * Errors a reconcile returns (inside a `fail(...)` result) or throws. Components return or throw
 * them and never log; the controller logs each failed reconcile once, at its boundary.
 */
export class ReconcileError<C extends string = string> extends Error {
  override readonly name: string = 'ReconcileError';
  /** A constant per failure site, e.g. `'ERR_SYNC_HEADLESS_SERVICE'`. */
  readonly code: C;
  /** What was being done, e.g. `'apply Service'`. */
  readonly operation: string;
  readonly observedAt: Date;

  constructor(code: C, operation: string, message: string, options: { cause?: unknown; observedAt?: Date } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.operation = operation;
    this.observedAt = options.observedAt ?? new Date();
  }
}

/** A failure retrying cannot fix (invalid spec, ...): logged and counted, never requeued. */
export class TerminalError<C extends string = string> extends ReconcileError<C> {
  override readonly name: string = 'TerminalError';
}

export function isTerminal(err: unknown): boolean {
  return err instanceof TerminalError;
}
