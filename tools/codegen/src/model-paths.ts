/**
 * Where a kind embeds client-node models (see ModelPaths in the generated support.ts): the tree of
 * schema paths that lead to a `k8s:` marker, following named types. Branches without a model are
 * dropped, so a kind without embedded models other than ObjectMeta has `{ metadata: 'V1ObjectMeta' }`.
 */
import type { K8sTypeMapping } from './k8s-refs.js';
import { isSchemaNode, K8S_TYPE_MARKER, type SchemaNode } from './schema.js';

export type ModelPaths = string | readonly [ModelPaths] | { readonly [field: string]: ModelPaths };

const SCHEMA_REF = '#/components/schemas/';

function pathsOf(node: SchemaNode, schemas: ReadonlyMap<string, SchemaNode>, seen: ReadonlySet<string>): ModelPaths | undefined {
  const mapping = node[K8S_TYPE_MARKER] as K8sTypeMapping | undefined;
  if (mapping) return 'model' in mapping ? mapping.model : undefined;
  if (typeof node.$ref === 'string' && node.$ref.startsWith(SCHEMA_REF)) {
    const name = node.$ref.slice(SCHEMA_REF.length);
    const target = schemas.get(name);
    // CRD schemas cannot recurse, but a guard keeps a bad input from hanging the generator.
    return target && !seen.has(name) ? pathsOf(target, schemas, new Set([...seen, name])) : undefined;
  }
  const out: Record<string, ModelPaths> = {};
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    const inner = pathsOf(child, schemas, seen);
    if (inner !== undefined) out[key] = inner;
  }
  if (isSchemaNode(node.additionalProperties)) {
    const inner = pathsOf(node.additionalProperties, schemas, seen);
    if (inner !== undefined) out['*'] = inner;
  }
  if (node.items) {
    const inner = pathsOf(node.items, schemas, seen);
    if (inner !== undefined) return [inner];
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** The model paths of the named schema `root` (a kind). */
export function modelPaths(root: string, schemas: ReadonlyMap<string, SchemaNode>): ModelPaths {
  const schema = schemas.get(root);
  return (schema && pathsOf(schema, schemas, new Set([root]))) ?? {};
}

/** A TypeScript literal for `paths`, e.g. `{ spec: { podSpec: 'V1PodSpec' } }`. */
export function printModelPaths(paths: ModelPaths): string {
  if (typeof paths === 'string') return `'${paths}'`;
  if (Array.isArray(paths)) return `[${printModelPaths(paths[0])}]`;
  const entries = Object.entries(paths as Record<string, ModelPaths>).map(([key, value]) => {
    const name = /^[A-Za-z_$][\w$]*$/.test(key) ? key : `'${key}'`;
    return `${name}: ${printModelPaths(value)}`;
  });
  return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
}
