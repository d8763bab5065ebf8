/** What a named schema refers to, so each generated file imports exactly what it uses. */
import type { K8sTypeMapping } from './k8s-refs.js';
import { isSchemaNode, K8S_TYPE_MARKER, type SchemaNode } from './schema.js';

const SCHEMA_REF = '#/components/schemas/';

export interface SchemaRefs {
  /** Other named schemas. */
  readonly names: Set<string>;
  /** client-node model classes. */
  readonly models: Set<string>;
}

function collect(value: unknown, into: SchemaRefs): void {
  if (Array.isArray(value)) {
    for (const item of value) collect(item, into);
    return;
  }
  if (!isSchemaNode(value)) return;
  if (typeof value.$ref === 'string' && value.$ref.startsWith(SCHEMA_REF)) into.names.add(value.$ref.slice(SCHEMA_REF.length));
  const mapping = value[K8S_TYPE_MARKER] as K8sTypeMapping | undefined;
  if (mapping && 'model' in mapping) into.models.add(mapping.model);
  for (const child of Object.values(value)) collect(child, into);
}

export function schemaRefs(schema: SchemaNode, into: SchemaRefs = { names: new Set(), models: new Set() }): SchemaRefs {
  collect(schema, into);
  return into;
}
