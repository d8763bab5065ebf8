/**
 * The committed Kubernetes OpenAPI snapshot: the definitions the CRD sources refer to, and every
 * definition those refer to, taken from one pinned kube-apiserver. Pure: building and reading only.
 */
import { CrdgenError } from './errors.js';
import { isJsonObject, sortKeys, type Json, type JsonObject } from './json.js';
import type { Definitions } from './k8s-schema.js';

export interface OpenApiSnapshot {
  /** `gitVersion` of the API server the definitions were read from, e.g. `v1.36.3`. */
  readonly kubernetesVersion: string;
  /** The `/openapi/v3/...` documents they were read from. */
  readonly takenFrom: readonly string[];
  readonly schemas: Definitions;
}

/** The file name of a snapshot inside `crds-src/k8s-openapi/`, carrying the Kubernetes version. */
export function snapshotFileName(kubernetesVersion: string): string {
  return `kubernetes-${kubernetesVersion}.json`;
}

/** Merges `components.schemas` of several OpenAPI v3 documents; a name defined differently twice is an error. */
export function mergeSchemas(documents: ReadonlyArray<{ path: string; document: Json }>): Record<string, JsonObject> {
  const merged: Record<string, JsonObject> = {};
  const origin: Record<string, string> = {};
  for (const { path, document } of documents) {
    const components = isJsonObject(document) ? document['components'] : undefined;
    const schemas = isJsonObject(components) ? components['schemas'] : undefined;
    if (!isJsonObject(schemas)) throw new CrdgenError(`${path}: not an OpenAPI v3 document (no components.schemas)`);
    for (const [name, schema] of Object.entries(schemas)) {
      if (!isJsonObject(schema)) continue;
      const seen = merged[name];
      // A few list/option types (DeleteOptions, WatchEvent) differ per group; they only matter if used.
      if (seen && JSON.stringify(seen) !== JSON.stringify(schema)) merged[name] = conflict(name, origin[name] ?? '?', path);
      else merged[name] = schema;
      origin[name] ??= path;
    }
  }
  return merged;
}

const CONFLICT = 'x-crdgen-conflict';

function conflict(name: string, first: string, second: string): JsonObject {
  return { [CONFLICT]: `${name} differs between ${first} and ${second}` };
}

/** The named definitions plus everything they reference, transitively. */
export function definitionClosure(roots: Iterable<string>, schemas: Readonly<Record<string, JsonObject>>): Record<string, JsonObject> {
  const out: Record<string, JsonObject> = {};
  const todo = [...roots];
  for (let name = todo.pop(); name !== undefined; name = todo.pop()) {
    if (out[name]) continue;
    const schema = schemas[name];
    if (!schema) throw new CrdgenError(`definition ${name} is not served by the API server's OpenAPI documents`);
    const clash = schema[CONFLICT];
    if (typeof clash === 'string') throw new CrdgenError(`cannot snapshot ${name}: ${clash}`);
    out[name] = schema;
    todo.push(...schemaRefs(schema));
  }
  return out;
}

function schemaRefs(node: Json, found: string[] = []): string[] {
  if (Array.isArray(node)) {
    for (const item of node) schemaRefs(item, found);
  } else if (isJsonObject(node)) {
    const ref = node['$ref'];
    if (typeof ref === 'string') found.push(ref.replace('#/components/schemas/', ''));
    for (const value of Object.values(node)) schemaRefs(value, found);
  }
  return found;
}

/** The JSON text committed for a snapshot (sorted keys, trailing newline). */
export function renderSnapshot(snapshot: OpenApiSnapshot): string {
  const body: JsonObject = {
    kubernetesVersion: snapshot.kubernetesVersion,
    takenFrom: [...snapshot.takenFrom],
    note: 'Taken with `crdgen snapshot` from a kube-apiserver of this version; only the definitions the CRD sources use. Do not edit.',
    schemas: sortKeys({ ...snapshot.schemas }),
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}

/** Parses a committed snapshot file. */
export function parseSnapshot(text: string, file: string): OpenApiSnapshot {
  let parsed: Json;
  try {
    parsed = JSON.parse(text) as Json;
  } catch (err) {
    throw new CrdgenError(`${file}: not valid JSON`, { cause: err });
  }
  if (!isJsonObject(parsed)) throw new CrdgenError(`${file}: expected an object`);
  const { kubernetesVersion, takenFrom, schemas } = parsed;
  if (typeof kubernetesVersion !== 'string' || !Array.isArray(takenFrom) || !isJsonObject(schemas)) {
    throw new CrdgenError(`${file}: expected kubernetesVersion, takenFrom and schemas`);
  }
  const defs: Record<string, JsonObject> = {};
  for (const [name, schema] of Object.entries(schemas)) {
    if (!isJsonObject(schema)) throw new CrdgenError(`${file}: schema ${name} is not an object`);
    defs[name] = schema;
  }
  return { kubernetesVersion, takenFrom: takenFrom.map(String), schemas: defs };
}
