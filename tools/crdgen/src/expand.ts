/**
 * Expands the `{$ref: "k8s:<definition>"}` nodes of a hand-written CRD into full structural schemas.
 * A ref node may carry a `description` (Grove's own wording for the field), `nullable`,
 * `x-kubernetes-validations` (rules about the embedded value) and `x-crdgen-bounds` (size limits inside
 * the embedded type, see bounds.ts); anything else next to a `$ref` is an error, because it would
 * silently merge with the Kubernetes schema.
 */
import { applyBounds } from './bounds.js';
import { CrdgenError } from './errors.js';
import { childPath, isJsonObject, sortKeys, type Json, type JsonObject } from './json.js';
import { structuralSchema, type Definitions } from './k8s-schema.js';

export const K8S_REF_PREFIX = 'k8s:';
const BOUNDS = 'x-crdgen-bounds';
const REF_SIBLINGS = new Set(['$ref', 'description', 'nullable', 'x-kubernetes-validations', BOUNDS]);

/** Returns a copy of `doc` with every `k8s:` ref expanded; `doc` is not modified. */
export function expandK8sRefs(doc: Json, defs: Definitions, path = ''): Json {
  if (Array.isArray(doc)) return doc.map((item, i) => expandK8sRefs(item, defs, childPath(path, i)));
  if (!isJsonObject(doc)) return doc;
  if (doc['$ref'] !== undefined) return expandRef(doc, defs, path);
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(doc)) out[key] = expandK8sRefs(value, defs, childPath(path, key));
  return out;
}

function expandRef(node: JsonObject, defs: Definitions, path: string): JsonObject {
  const ref = node['$ref'];
  if (typeof ref !== 'string' || !ref.startsWith(K8S_REF_PREFIX)) {
    throw new CrdgenError(`${path}: $ref must be a string "${K8S_REF_PREFIX}<OpenAPI definition name>", got ${JSON.stringify(ref)}`);
  }
  const extra = Object.keys(node).filter((key) => !REF_SIBLINGS.has(key));
  if (extra.length > 0) {
    throw new CrdgenError(`${path}: only ${[...REF_SIBLINGS].slice(1).join(', ')} may sit next to $ref (found ${extra.join(', ')})`);
  }
  const structural = structuralSchema(ref.slice(K8S_REF_PREFIX.length), defs);
  if (node[BOUNDS] !== undefined) applyBounds(structural, node[BOUNDS], path);
  const expanded = sortKeys(structural);
  if (!isJsonObject(expanded)) throw new CrdgenError(`${path}: expansion of ${ref} is not an object`);
  const out: JsonObject = {};
  if (node['description'] !== undefined) out['description'] = node['description'];
  Object.assign(out, expanded);
  if (node['nullable'] !== undefined) out['nullable'] = node['nullable'];
  const own = node['x-kubernetes-validations'];
  if (own !== undefined) {
    const inherited = expanded['x-kubernetes-validations'];
    out['x-kubernetes-validations'] = [...(Array.isArray(inherited) ? inherited : []), ...(Array.isArray(own) ? own : [own])];
  }
  return out;
}

/** Every `k8s:` definition name a document refers to, in first-seen order. */
export function k8sRefsIn(doc: Json, found: Set<string> = new Set()): Set<string> {
  if (Array.isArray(doc)) {
    for (const item of doc) k8sRefsIn(item, found);
  } else if (isJsonObject(doc)) {
    const ref = doc['$ref'];
    if (typeof ref === 'string' && ref.startsWith(K8S_REF_PREFIX)) found.add(ref.slice(K8S_REF_PREFIX.length));
    for (const value of Object.values(doc)) k8sRefsIn(value, found);
  }
  return found;
}
