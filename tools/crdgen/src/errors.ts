/** One error type for every crdgen failure, so the CLI can print it without a stack trace. */
export class CrdgenError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CrdgenError';
  }
}
