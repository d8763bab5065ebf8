/** Reads CustomResourceDefinition manifests into the per-version facts the generator needs. */
import { parseAllDocuments } from 'yaml';
import { CodegenError } from './errors.js';
import { isSchemaNode, type SchemaNode } from './schema.js';

/** One served version of one CRD. */
export interface CrdVersion {
  /** The input file, for error messages. */
  readonly source: string;
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly listKind: string;
  readonly plural: string;
  readonly namespaced: boolean;
  readonly subresources: { readonly status: boolean; readonly scale: boolean };
  readonly schema: SchemaNode;
}

export interface SourceFile {
  readonly path: string;
  readonly content: string;
}

function field<T>(value: unknown, key: string, where: string, check: (v: unknown) => v is T, what: string): T {
  const v = isSchemaNode(value) ? value[key] : undefined;
  if (!check(v)) throw new CodegenError(`expected ${key} to be ${what}`, where);
  return v;
}

const isString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isArray = (v: unknown): v is unknown[] => Array.isArray(v);

function readVersion(crd: Record<string, unknown>, raw: unknown, source: string): CrdVersion | undefined {
  const spec = field(crd, 'spec', source, isSchemaNode, 'an object');
  const names = field(spec, 'names', `${source} spec`, isSchemaNode, 'an object');
  const kind = field(names, 'kind', `${source} spec.names`, isString, 'a string');
  const version = field(raw, 'name', `${source} spec.versions[]`, isString, 'a string');
  const where = `${source} ${kind} ${version}`;
  if (isSchemaNode(raw) && raw['served'] === false) return undefined;
  const schemaHolder = field(raw, 'schema', where, isSchemaNode, 'an object');
  const schema = field(schemaHolder, 'openAPIV3Schema', where, isSchemaNode, 'an object');
  const subresources = isSchemaNode(raw) && isSchemaNode(raw['subresources']) ? raw['subresources'] : {};
  const scope = field(spec, 'scope', where, isString, '"Namespaced" or "Cluster"');
  if (scope !== 'Namespaced' && scope !== 'Cluster') throw new CodegenError(`unknown scope "${scope}"`, where);
  const listKind = isString(names['listKind']) ? names['listKind'] : `${kind}List`;
  return {
    source,
    group: field(spec, 'group', where, isString, 'a string'),
    version,
    kind,
    listKind,
    plural: field(names, 'plural', where, isString, 'a string'),
    namespaced: scope === 'Namespaced',
    subresources: { status: 'status' in subresources, scale: 'scale' in subresources },
    schema,
  };
}

/** Every served version of every CRD in `file` (a file may hold several YAML documents). */
export function readCrdVersions(file: SourceFile): CrdVersion[] {
  const out: CrdVersion[] = [];
  for (const doc of parseAllDocuments(file.content)) {
    if (doc.errors.length > 0) throw new CodegenError(`invalid YAML: ${doc.errors[0]?.message ?? ''}`, file.path);
    const crd: unknown = doc.toJS({ maxAliasCount: -1 });
    if (!isSchemaNode(crd) || crd['kind'] !== 'CustomResourceDefinition') continue;
    const spec = field(crd, 'spec', file.path, isSchemaNode, 'an object');
    for (const raw of field(spec, 'versions', file.path, isArray, 'a list')) {
      const version = readVersion(crd, raw, file.path);
      if (version) out.push(version);
    }
  }
  return out;
}
