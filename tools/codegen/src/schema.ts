/**
 * The subset of a CRD's `openAPIV3Schema` (apiextensions.k8s.io/v1 JSONSchemaProps) the generator
 * reads. Keys it does not name pass through untouched to openapi-typescript.
 */
export interface SchemaNode {
  type?: string;
  title?: string;
  description?: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  additionalProperties?: SchemaNode | boolean;
  required?: string[];
  enum?: unknown[];
  anyOf?: SchemaNode[];
  allOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  $ref?: string;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  [key: string]: unknown;
}

/** Marks a hoisted Kubernetes type in the document given to openapi-typescript (see k8s-refs.ts). */
export const K8S_TYPE_MARKER = 'x-grove-k8s-type';

/** Prefix of a `$ref` that names a Kubernetes OpenAPI definition in the CRD sources. */
export const K8S_REF_PREFIX = 'k8s:';

export function isSchemaNode(value: unknown): value is SchemaNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Stable JSON with sorted keys, so two structurally equal schemas compare equal. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isSchemaNode(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Keys that change documentation or validation but not the TypeScript type. */
const NON_TYPE_KEYS = new Set([
  'description', 'default', 'example', 'format', 'pattern', 'multipleOf', 'uniqueItems',
  'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'maxLength',
  'minItems', 'maxItems', 'minProperties', 'maxProperties',
  'x-kubernetes-validations', 'x-kubernetes-list-type', 'x-kubernetes-list-map-keys', 'x-kubernetes-map-type',
]);

function withoutNonTypeKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNonTypeKeys);
  if (!isSchemaNode(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    // `properties` maps field names to schemas: a field may well be called "description".
    if (key === 'properties' && isSchemaNode(child)) {
      out[key] = Object.fromEntries(Object.entries(child).map(([k, v]) => [k, withoutNonTypeKeys(v)]));
    } else if (!NON_TYPE_KEYS.has(key)) {
      out[key] = withoutNonTypeKeys(child);
    }
  }
  return out;
}

/**
 * A key for "emits the same TypeScript type": two uses of one named type (say a topology
 * constraint at two levels) may differ in documentation or CEL rules and still share a declaration.
 */
export function typeShape(schema: SchemaNode): string {
  return canonicalJson(withoutNonTypeKeys(schema));
}
