/**
 * `x-crdgen-bounds` next to a `k8s:` ref adds size limits inside the embedded Kubernetes type, e.g.
 * `{schedulerName: {maxLength: 253}}` on a PodSpec. CEL rules that read such a field need a bound to
 * fit the API server's cost budget; only limits Kubernetes itself enforces on the field belong here
 * (a pod's schedulerName is a DNS subdomain, so at most 253 characters), so no valid manifest is refused.
 * Paths are dotted property names; `[*]` steps into list items.
 */
import { CrdgenError } from './errors.js';
import { isJsonObject, type Json, type JsonObject } from './json.js';

const BOUND_KEYWORDS: Readonly<Record<string, string>> = { maxLength: 'string', maxItems: 'array', maxProperties: 'object' };

/** Applies `bounds` (path -> keywords) to an expanded schema in place. */
export function applyBounds(schema: JsonObject, bounds: Json, where: string): void {
  if (!isJsonObject(bounds)) throw new CrdgenError(`${where}: x-crdgen-bounds must map field paths to keywords`);
  for (const [path, keywords] of Object.entries(bounds)) {
    const target = resolvePath(schema, path, where);
    if (!isJsonObject(keywords)) throw new CrdgenError(`${where}: x-crdgen-bounds.${path} must be an object`);
    for (const [keyword, value] of Object.entries(keywords)) {
      const type = BOUND_KEYWORDS[keyword];
      if (!type) throw new CrdgenError(`${where}: x-crdgen-bounds.${path}: only ${Object.keys(BOUND_KEYWORDS).join(', ')} are allowed`);
      if (target['type'] !== type) throw new CrdgenError(`${where}: x-crdgen-bounds.${path}.${keyword} needs a field of type ${type}`);
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
        throw new CrdgenError(`${where}: x-crdgen-bounds.${path}.${keyword} must be a non-negative integer`);
      }
      target[keyword] = value;
    }
  }
}

function resolvePath(schema: JsonObject, path: string, where: string): JsonObject {
  let node: JsonObject = schema;
  for (const step of path.split('.')) {
    const [name, ...items] = step.split('[*]');
    const props = node['properties'];
    const next = name && isJsonObject(props) ? props[name] : undefined;
    if (!isJsonObject(next)) throw new CrdgenError(`${where}: x-crdgen-bounds path ${path} does not exist (at ${step})`);
    node = next;
    for (let i = 0; i < items.length; i++) {
      const item = node['items'];
      if (!isJsonObject(item)) throw new CrdgenError(`${where}: x-crdgen-bounds path ${path}: ${name} is not a list`);
      node = item;
    }
  }
  return node;
}
