/**
 * Failures of the typed client. The API server explains a refusal in a Status object (code,
 * reason, message, details.causes); ApiError carries those, plus what we were doing, so callers
 * can branch on `reason` and logs say which object failed.
 */
import { ApiException, type V1StatusCause } from '@kubernetes/client-node';

export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    /** HTTP status code (0 when no response arrived). */
    readonly code: number,
    /** The Status reason: `NotFound`, `AlreadyExists`, `Conflict`, `Invalid`, … (`Unknown` if none). */
    readonly reason: string,
    /** The API server's own message, without our context. */
    readonly serverMessage: string,
    /** What we were doing, e.g. `get grove.io/v1alpha1 PodCliqueSet ns/name`. */
    readonly operation: string,
    /** Field-level causes of an `Invalid` rejection. */
    readonly causes: readonly V1StatusCause[] = [],
    options?: ErrorOptions,
  ) {
    super(`${operation}: ${serverMessage}`, options);
  }
}

interface StatusBody {
  reason?: string;
  message?: string;
  details?: { causes?: V1StatusCause[] };
}

function statusBody(body: unknown): StatusBody | undefined {
  let parsed = body;
  if (typeof body === 'string') {
    try {
      parsed = JSON.parse(body);
    } catch {
      return undefined;
    }
  }
  return typeof parsed === 'object' && parsed !== null ? (parsed as StatusBody) : undefined;
}

/** Wraps anything a client-node call threw into an ApiError naming `operation`. */
export function toApiError(err: unknown, operation: string): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof ApiException) {
    const status = statusBody(err.body);
    const message = status?.message ?? `HTTP ${err.code}`;
    return new ApiError(err.code, status?.reason ?? 'Unknown', message, operation, status?.details?.causes ?? [], { cause: err });
  }
  const message = err instanceof Error ? err.message : String(err);
  return new ApiError(0, 'Unknown', message, operation, [], { cause: err });
}

export const isNotFound = (err: unknown): boolean => err instanceof ApiError && err.code === 404;
export const isAlreadyExists = (err: unknown): boolean => err instanceof ApiError && err.reason === 'AlreadyExists';
export const isConflict = (err: unknown): boolean => err instanceof ApiError && err.code === 409;
