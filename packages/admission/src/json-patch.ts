/**
 * RFC 6902 JSON Patch from an object to its defaulted copy: what a mutating webhook returns. Only
 * additions and replacements are expected from defaulting; removals are supported for completeness.
 * Arrays of equal length are diffed element by element (so a default inside `cliques[2]` is one
 * small operation); arrays that changed length are replaced whole.
 */

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export type JsonPatchOperation =
  | { readonly op: 'add' | 'replace'; readonly path: string; readonly value: JsonValue }
  | { readonly op: 'remove'; readonly path: string };

/** A JSON Pointer token: `~` and `/` escaped as `~0` and `~1` (RFC 6901). */
export function pointerToken(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

function isObject(value: unknown): value is { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function jsonPatch(before: JsonValue, after: JsonValue): JsonPatchOperation[] {
  const ops: JsonPatchOperation[] = [];
  diff(before, after, '', ops);
  return ops;
}

function diff(before: JsonValue, after: JsonValue, path: string, ops: JsonPatchOperation[]): void {
  if (isObject(before) && isObject(after)) {
    diffObjects(before, after, path, ops);
  } else if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    before.forEach((item, i) => diff(item, after[i] as JsonValue, `${path}/${i}`, ops));
  } else if (!sameJson(before, after)) {
    ops.push({ op: 'replace', path, value: after });
  }
}

function diffObjects(before: { [key: string]: JsonValue }, after: { [key: string]: JsonValue }, path: string, ops: JsonPatchOperation[]): void {
  for (const key of Object.keys(before)) {
    if (!Object.hasOwn(after, key)) ops.push({ op: 'remove', path: `${path}/${pointerToken(key)}` });
  }
  for (const [key, value] of Object.entries(after)) {
    const child = `${path}/${pointerToken(key)}`;
    if (Object.hasOwn(before, key)) diff(before[key] as JsonValue, value, child, ops);
    else ops.push({ op: 'add', path: child, value });
  }
}

function sameJson(a: JsonValue, b: JsonValue): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Applies a patch made by {@link jsonPatch} (for tests and for checking a patch round-trips). */
export function applyJsonPatch(doc: JsonValue, ops: readonly JsonPatchOperation[]): JsonValue {
  let result = structuredClone(doc);
  for (const op of ops) result = applyOne(result, op);
  return result;
}

function applyOne(doc: JsonValue, op: JsonPatchOperation): JsonValue {
  if (op.path === '') return op.op === 'remove' ? null : op.value;
  const tokens = op.path.slice(1).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
  const last = tokens.pop() as string;
  let parent: JsonValue = doc;
  for (const token of tokens) parent = (parent as Record<string, JsonValue>)[token] as JsonValue;
  const container = parent as Record<string, JsonValue>;
  if (op.op === 'remove') delete container[last];
  else container[last] = op.value;
  return doc;
}
