/**
 * Turns one CRD version's schema into named schemas for openapi-typescript:
 * - the kind itself, with `apiVersion`/`kind` as literals and `metadata` as ObjectMeta (CRDs leave
 *   them loose; every stored object has them), and a `<Kind>List`;
 * - `spec` and `status` as `<Kind>Spec` / `<Kind>Status`, and any node with a `title` under that
 *   name (a title used twice must describe the same schema);
 * - `k8s:` references replaced by a marker that emit-types.ts turns into the client-node model.
 */
import type { CrdVersion } from './crd.js';
import { CodegenError } from './errors.js';
import { k8sType, type K8sTypeMapping } from './k8s-refs.js';
import { TYPE_NAMES, type TypeNames } from './type-names.js';
import { isSchemaNode, K8S_REF_PREFIX, K8S_TYPE_MARKER, type SchemaNode, typeShape } from './schema.js';

export interface KindSchemas {
  readonly crd: CrdVersion;
  /** Named schemas in emission order (kind, list, then as found depth-first). */
  readonly schemas: ReadonlyMap<string, SchemaNode>;
  /** Schema path where each name was first defined, for error messages. */
  readonly origins: ReadonlyMap<string, string>;
}

export const schemaRef = (name: string): string => `#/components/schemas/${name}`;

const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';

/** Placeholder for a name whose schema is still being converted. */
const PENDING: SchemaNode = Object.freeze({});

class Collector {
  readonly schemas = new Map<string, SchemaNode>();
  readonly origins = new Map<string, string>();

  /** Table paths (type-names.ts) the schema has used, to report the ones it lacks. */
  readonly usedNames = new Set<string>();

  constructor(
    readonly where: string,
    private readonly names: Readonly<Record<string, string>>,
  ) {}

  define(name: string, schema: SchemaNode, path: string): SchemaNode {
    const found = this.schemas.get(name);
    const existing = found === PENDING ? undefined : found;
    if (existing && typeShape(existing) !== typeShape(schema)) {
      const first = this.origins.get(name) ?? '?';
      throw new CodegenError(`type name "${name}" names two different schemas (${first} and ${path})`, this.where);
    }
    if (!existing) {
      this.schemas.set(name, schema);
      this.origins.set(name, path);
    }
    return { $ref: schemaRef(name) };
  }

  /** A copy of `node` with children converted; hoisted when it has a name. */
  convert(node: SchemaNode, path: string, name?: string): SchemaNode {
    if (node.$ref !== undefined) return this.convertRef(node, path);
    if (node['x-kubernetes-int-or-string'] === true) return marker({ scalar: ['number', 'string'] }, node.description);
    const tableName = this.names[path];
    if (tableName !== undefined) this.usedNames.add(path);
    const hoistAs = node.title ?? name ?? tableName;
    // Reserve the name before the children so a type is declared before the types it uses.
    if (hoistAs !== undefined && !this.schemas.has(hoistAs)) this.schemas.set(hoistAs, PENDING);
    const out: SchemaNode = { ...node };
    if (node.properties) {
      out.properties = Object.fromEntries(
        Object.entries(node.properties).map(([key, child]) => [key, this.convert(child, `${path}.${key}`)]),
      );
    }
    if (node.items) out.items = this.convert(node.items, `${path}[*]`);
    if (isSchemaNode(node.additionalProperties)) {
      out.additionalProperties = this.convert(node.additionalProperties, `${path}{*}`);
    }
    for (const key of ['anyOf', 'allOf', 'oneOf'] as const) {
      const list = node[key];
      if (list) out[key] = list.map((child, i) => this.convert(child, `${path}.${key}[${i}]`));
    }
    if (hoistAs === undefined) return out;
    delete out.title; // the declaration's name says it
    return this.define(hoistAs, out, path);
  }

  private convertRef(node: SchemaNode, path: string): SchemaNode {
    const ref = node.$ref ?? '';
    if (!ref.startsWith(K8S_REF_PREFIX)) {
      throw new CodegenError(`unsupported $ref "${ref}" at ${path}: only "${K8S_REF_PREFIX}<definition>" is allowed`, this.where);
    }
    const definition = ref.slice(K8S_REF_PREFIX.length);
    let mapping;
    try {
      mapping = k8sType(definition);
    } catch (err) {
      throw new CodegenError(`${(err as Error).message} (at ${path})`, this.where, { cause: err });
    }
    return marker(mapping, node.description, node['nullable'] === true);
  }
}

/**
 * The stand-in for a Kubernetes type; emit-types.ts turns it into the client-node model.
 * `type` is set because openapi-typescript consults the transform hook only for typed nodes.
 */
function marker(mapping: K8sTypeMapping, description: string | undefined, nullable = false): SchemaNode {
  const node: SchemaNode = { type: 'object', [K8S_TYPE_MARKER]: mapping };
  if (description !== undefined) node.description = description;
  if (nullable) node['nullable'] = true;
  return node;
}

function rootSchema(crd: CrdVersion, collector: Collector): SchemaNode {
  const apiVersion = `${crd.group}/${crd.version}`;
  const source = crd.schema;
  const properties: Record<string, SchemaNode> = {};
  for (const [key, child] of Object.entries(source.properties ?? {})) {
    if (key === 'apiVersion' || key === 'kind' || key === 'metadata') continue;
    const name = key === 'spec' || key === 'status' ? `${crd.kind}${key === 'spec' ? 'Spec' : 'Status'}` : undefined;
    properties[key] = collector.convert(child, `.${key}`, name);
  }
  const required = [...new Set(['apiVersion', 'kind', 'metadata', ...(source.required ?? [])])];
  return {
    ...(source.description === undefined ? {} : { description: source.description }),
    type: 'object',
    required,
    properties: {
      apiVersion: { type: 'string', const: apiVersion },
      kind: { type: 'string', const: crd.kind },
      metadata: marker(k8sType(OBJECT_META), undefined),
      ...properties,
    },
  };
}

function listSchema(crd: CrdVersion): SchemaNode {
  return {
    description: `A list of ${crd.kind} objects.`,
    type: 'object',
    required: ['apiVersion', 'kind', 'metadata', 'items'],
    properties: {
      apiVersion: { type: 'string', const: `${crd.group}/${crd.version}` },
      kind: { type: 'string', const: crd.listKind },
      // Not client-node's V1ListMeta: that class renames `continue` to `_continue`.
      metadata: {
        type: 'object',
        properties: {
          resourceVersion: { type: 'string' },
          continue: { type: 'string' },
          remainingItemCount: { type: 'integer' },
        },
      },
      items: { type: 'array', items: { $ref: schemaRef(crd.kind) } },
    },
  };
}

/** The named schemas of one CRD version (pure; throws CodegenError naming file and path). */
export function kindSchemas(crd: CrdVersion, typeNames: TypeNames = TYPE_NAMES): KindSchemas {
  const names = typeNames[`${crd.group}/${crd.kind}`] ?? {};
  const collector = new Collector(`${crd.source} (${crd.kind} ${crd.version})`, names);
  // Reserve the kind and list names first so they lead the output.
  collector.schemas.set(crd.kind, {});
  collector.schemas.set(crd.listKind, listSchema(crd));
  collector.schemas.set(crd.kind, rootSchema(crd, collector));
  collector.origins.set(crd.kind, '.');
  collector.origins.set(crd.listKind, '(list)');
  const unused = Object.keys(names).filter((path) => !collector.usedNames.has(path));
  if (unused.length > 0) {
    throw new CodegenError(`tools/codegen/src/type-names.ts names paths the schema lacks: ${unused.join(', ')}`, collector.where);
  }
  return { crd, schemas: collector.schemas, origins: collector.origins };
}
