/**
 * Equality for immutable-field checks. Absent, null, "" and empty lists or maps are the same value:
 * clients and the API server's round trips drop or add them freely, and an update must not be
 * refused because `startsAfter: []` became absent. Map key order does not matter; list order does.
 */

function normalize(value: unknown): unknown {
  if (value === null || value === undefined || value === '') return undefined;
  if (Array.isArray(value)) return value.length === 0 ? undefined : value.map(normalize);
  if (typeof value !== 'object') return value;
  const entries = Object.keys(value)
    .sort()
    .map((k): [string, unknown] => [k, normalize((value as Record<string, unknown>)[k])])
    .filter(([, v]) => v !== undefined);
  return entries.length === 0 ? undefined : Object.fromEntries(entries);
}

export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(normalize(a)) === JSON.stringify(normalize(b));
}
