/**
 * Whether the cached object already has every field a controller would write. Children are
 * rewritten only when this is false, so a steady-state reconcile makes no write at all (lesson 7:
 * the cache answers reads; the API server sees only real changes). Server-added fields (defaults,
 * status, managedFields) are ignored because only fields present in `desired` are compared.
 */
export function containsDesired(actual: unknown, desired: unknown): boolean {
  if (desired === undefined) return true;
  // The API server drops empty maps and lists (omitempty): absent is what an empty one looks like.
  if ((actual === undefined || actual === null) && isEmpty(desired)) return true;
  if (desired === null || typeof desired !== 'object' || desired instanceof Date) return Object.is(normalise(actual), normalise(desired));
  if (Array.isArray(desired)) {
    // Lists are owned whole (atomic or keyed, the controller writes all items): same length, each item contained.
    return Array.isArray(actual) && actual.length === desired.length && desired.every((item, i) => containsDesired(actual[i], item));
  }
  if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return false;
  const record = actual as Record<string, unknown>;
  return Object.entries(desired as Record<string, unknown>).every(([key, value]) => containsDesired(record[key], value));
}

function isEmpty(value: unknown): boolean {
  if (Array.isArray(value)) return value.length === 0;
  return value !== null && typeof value === 'object' && !(value instanceof Date) && Object.keys(value).length === 0;
}

/** Dates in typed objects arrive as RFC 3339 strings from the cache. */
function normalise(value: unknown): unknown {
  return value instanceof Date ? value.toISOString().replace(/\.\d{3}Z$/, 'Z') : value;
}
