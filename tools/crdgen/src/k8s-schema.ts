/**
 * Turns one definition of the Kubernetes OpenAPI v3 document into a schema a CRD accepts: structural
 * (no `$ref`, every node typed), without the markers CRDs reject, and small. The rules follow what
 * controller-gen emits for embedded core types, so our CRDs accept the same manifests as Grove's:
 *
 * - `$ref` and single-`$ref` `allOf` wrappers are inlined (a recursive definition is an error);
 * - `description`s are dropped (the CRDs would be megabytes; `kubectl explain pod` has them);
 * - `enum`s are dropped: the API server validates them again when the Pod is created, and an enum
 *   frozen in a CRD would reject values a newer server allows;
 * - zero-value `default`s (`{}`, `""`, `0`, `false`) are dropped — openapi-gen emits them for every
 *   non-pointer field, controller-gen does not, and applying them would add empty fields to stored
 *   objects — except on the key of a list map that is not required (a CRD needs those defaulted);
 *   explicit defaults such as `protocol: TCP` are kept, as controller-gen keeps `+default` markers;
 * - `oneOf: [integer|number, string]` becomes `x-kubernetes-int-or-string` (IntOrString, Quantity);
 * - an object without properties becomes `x-kubernetes-preserve-unknown-fields` (RawExtension, FieldsV1);
 * - patch-strategy, union and GVK markers are dropped; list/map-type markers are kept.
 * Any other keyword is an error, so a new Kubernetes snapshot cannot slip something unchecked through.
 */
import { CrdgenError } from './errors.js';
import { childPath, isJsonObject, type Json, type JsonObject } from './json.js';

/** Definitions keyed by their OpenAPI name, e.g. `io.k8s.api.core.v1.PodSpec`. */
export type Definitions = Readonly<Record<string, JsonObject>>;

const REF_PREFIX = '#/components/schemas/';

/** The pattern controller-gen gives `resource.Quantity`, so a bad quantity fails at admission, not at pod creation. */
const QUANTITY_PATTERN =
  '^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$';
const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';

/** Keywords copied as they are. */
const KEPT = new Set([
  'type',
  'format',
  'required',
  'nullable',
  'pattern',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'minProperties',
  'maxProperties',
  'x-kubernetes-list-type',
  'x-kubernetes-list-map-keys',
  'x-kubernetes-map-type',
  'x-kubernetes-validations',
]);
/** Keywords dropped on purpose (see the module comment). */
const DROPPED = new Set([
  'description',
  'enum',
  'x-kubernetes-patch-merge-key',
  'x-kubernetes-patch-strategy',
  'x-kubernetes-unions',
  'x-kubernetes-group-version-kind',
]);
/** Keywords handled by the converter itself. */
const HANDLED = new Set(['$ref', 'allOf', 'oneOf', 'properties', 'items', 'additionalProperties', 'default']);

/** Expands the named definition into a self-contained structural schema. */
export function structuralSchema(name: string, defs: Definitions): JsonObject {
  return new Converter(defs).definition(name, name);
}

class Converter {
  private readonly stack: string[] = [];

  constructor(private readonly defs: Definitions) {}

  definition(name: string, path: string): JsonObject {
    const def = this.defs[name];
    if (!def) throw new CrdgenError(`${path}: Kubernetes definition ${name} is not in the OpenAPI snapshot`);
    if (this.stack.includes(name)) {
      throw new CrdgenError(`${path}: ${name} is recursive (${[...this.stack, name].join(' -> ')}); CRD schemas cannot be`);
    }
    this.stack.push(name);
    try {
      const out = this.node(def, path);
      if (name === QUANTITY) out['pattern'] = QUANTITY_PATTERN;
      return out;
    } finally {
      this.stack.pop();
    }
  }

  node(node: JsonObject, path: string): JsonObject {
    const ref = refOf(node);
    if (ref) {
      // A `$ref` (or `allOf: [{$ref}]`) with siblings such as `default: {}`: the siblings are the
      // property's own keywords and are converted like any other.
      const { $ref: _ref, allOf: _allOf, ...siblings } = node;
      return { ...this.definition(ref, path), ...this.keywords(siblings, path) };
    }
    const out = this.keywords(node, path);
    if (out['type'] === 'object' && out['properties'] === undefined && out['additionalProperties'] === undefined) {
      // RawExtension, FieldsV1: free-form objects. Without this flag a CRD would prune their content.
      out['x-kubernetes-preserve-unknown-fields'] = true;
    }
    if (out['type'] === undefined && out['x-kubernetes-int-or-string'] === undefined) {
      throw new CrdgenError(`${path}: schema has no type; CRD schemas must be structural`);
    }
    return out;
  }

  /** Converts the keywords of one node; the node may be partial (the siblings of a `$ref`). */
  private keywords(node: JsonObject, path: string): JsonObject {
    const out: JsonObject = {};
    for (const [key, value] of Object.entries(node)) {
      if (KEPT.has(key)) out[key] = value;
      else if (!DROPPED.has(key) && !HANDLED.has(key)) throw new CrdgenError(`${path}: unsupported OpenAPI keyword "${key}"`);
    }
    if (node['format'] === 'int-or-string') delete out['format'];
    if (node['default'] !== undefined && !isZeroValue(node['default'])) out['default'] = node['default'];
    if (node['oneOf'] !== undefined) Object.assign(out, intOrString(node['oneOf'], path));
    if (node['properties'] !== undefined) out['properties'] = this.properties(node['properties'], path);
    if (node['items'] !== undefined) out['items'] = this.items(node, path);
    if (node['additionalProperties'] !== undefined) out['additionalProperties'] = this.additional(node['additionalProperties'], path);
    return out;
  }

  private properties(value: Json, path: string): JsonObject {
    if (!isJsonObject(value)) throw new CrdgenError(`${path}.properties: expected an object`);
    const out: JsonObject = {};
    for (const key of Object.keys(value).sort()) {
      const child = value[key];
      if (!isJsonObject(child)) throw new CrdgenError(`${childPath(path, key)}: expected a schema object`);
      out[key] = this.node(child, childPath(path, key));
    }
    return out;
  }

  private items(node: JsonObject, path: string): JsonObject {
    const items = node['items'];
    if (!isJsonObject(items)) throw new CrdgenError(`${path}.items: expected a schema object`);
    const out = this.node(items, `${path}[*]`);
    if (node['x-kubernetes-list-type'] === 'map') this.defaultOptionalMapKeys(node, items, out, path);
    return out;
  }

  /** A list map's keys must be required or defaulted in a CRD; restore the zero default where neither holds. */
  private defaultOptionalMapKeys(list: JsonObject, rawItems: JsonObject, out: JsonObject, path: string): void {
    const keys = list['x-kubernetes-list-map-keys'];
    if (!Array.isArray(keys)) throw new CrdgenError(`${path}: list map without x-kubernetes-list-map-keys`);
    const raw = this.resolve(rawItems);
    const required = Array.isArray(out['required']) ? out['required'] : [];
    const props = out['properties'];
    for (const key of keys) {
      if (typeof key !== 'string' || !isJsonObject(props)) throw new CrdgenError(`${path}: malformed list map key`);
      const prop = props[key];
      if (required.includes(key) || (isJsonObject(prop) && prop['default'] !== undefined)) continue;
      const rawProps = raw['properties'];
      const rawProp = isJsonObject(rawProps) ? rawProps[key] : undefined;
      const fallback = isJsonObject(rawProp) ? rawProp['default'] : undefined;
      if (!isJsonObject(prop) || fallback === undefined) {
        throw new CrdgenError(`${path}: list map key "${key}" is neither required nor defaulted`);
      }
      prop['default'] = fallback;
    }
  }

  private additional(value: Json, path: string): Json {
    if (isJsonObject(value)) return this.node(value, `${path}[*]`);
    throw new CrdgenError(`${path}: additionalProperties must be a schema in a CRD`);
  }

  /** The raw definition behind a node, following `$ref`s. */
  private resolve(node: JsonObject): JsonObject {
    const ref = refOf(node);
    const def = ref ? this.defs[ref] : node;
    return def ? (refOf(def) ? this.resolve(def) : def) : node;
  }
}

/** The definition name a node points to, through `$ref` or a one-element `allOf`. */
function refOf(node: JsonObject): string | undefined {
  let ref = node['$ref'];
  const allOf = node['allOf'];
  if (ref === undefined && Array.isArray(allOf) && allOf.length === 1 && isJsonObject(allOf[0])) ref = allOf[0]['$ref'];
  if (ref === undefined) return undefined;
  if (typeof ref !== 'string' || !ref.startsWith(REF_PREFIX)) throw new CrdgenError(`unsupported $ref ${String(ref)}`);
  return ref.slice(REF_PREFIX.length);
}

function intOrString(oneOf: Json, path: string): JsonObject {
  const types = Array.isArray(oneOf) ? oneOf.map((s) => (isJsonObject(s) ? s['type'] : undefined)) : [];
  const numeric = types.filter((t) => t === 'integer' || t === 'number');
  if (types.length !== 2 || numeric.length !== 1 || !types.includes('string')) {
    throw new CrdgenError(`${path}: only oneOf [integer|number, string] (int-or-string) is supported`);
  }
  return { anyOf: [{ type: 'integer' }, { type: 'string' }], 'x-kubernetes-int-or-string': true };
}

function isZeroValue(value: Json): boolean {
  if (isJsonObject(value)) return Object.keys(value).length === 0;
  if (Array.isArray(value)) return value.length === 0;
  return value === '' || value === 0 || value === false || value === null;
}
