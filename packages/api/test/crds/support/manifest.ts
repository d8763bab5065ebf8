/**
 * Test manifests as plain JSON, changed by path (`spec.template.cliques.0.spec.replicas`), so a rule
 * case is one line that says exactly what it changes. Hand-written tests never re-declare CRD types.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Manifest = { [key: string]: Json };

/** Path -> new value; `undefined` removes the field. Numeric segments index lists. */
export type Patch = Readonly<Record<string, Json | undefined>>;

/** A deep copy of `base` with `patch` applied. */
export function patched(base: Manifest, patch: Patch = {}): Manifest {
  const out = structuredClone(base);
  for (const [path, value] of Object.entries(patch)) setPath(out, path, value);
  return out;
}

function setPath(root: Manifest, path: string, value: Json | undefined): void {
  const keys = path.split('.');
  const last = keys.pop();
  if (last === undefined) throw new Error(`empty patch path`);
  let node: Json = root;
  for (const key of keys) {
    const next: Json | undefined = child(node, key);
    if (next === undefined || next === null || typeof next !== 'object') throw new Error(`patch path ${path}: no object at ${key}`);
    node = next;
  }
  if (Array.isArray(node)) {
    const index = Number(last);
    if (value === undefined) node.splice(index, 1);
    else node[index] = value;
  } else if (node !== null && typeof node === 'object') {
    if (value === undefined) delete node[last];
    else node[last] = value;
  } else {
    throw new Error(`patch path ${path}: parent is not an object`);
  }
}

function child(node: Json, key: string): Json | undefined {
  if (Array.isArray(node)) return node[Number(key)];
  if (node !== null && typeof node === 'object') return node[key];
  return undefined;
}

/** Reads a field by path, for assertions on stored objects. */
export function at(root: Json, path: string): Json | undefined {
  let node: Json | undefined = root;
  for (const key of path.split('.')) node = node === undefined ? undefined : child(node, key);
  return node;
}
