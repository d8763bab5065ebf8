/**
 * The generator: CRD sources in, TypeScript files out. Pure apart from openapi-typescript's own
 * work (no file or network access): the CLI does the reading and writing.
 */
import { kindSchemas, type KindSchemas } from './components.js';
import { readCrdVersions, type CrdVersion, type SourceFile } from './crd.js';
import { emitTypes } from './emit-types.js';
import { groupVersionIndex, rootIndex, type RootIndexKind } from './emit-index.js';
import { kindFile } from './emit-kind.js';
import { CodegenError } from './errors.js';
import { header } from './header.js';
import { schemaRefs } from './refs.js';
import { modelPaths, printModelPaths } from './model-paths.js';
import { type SchemaNode, typeShape } from './schema.js';
import { SUPPORT_FILE, SUPPORT_SOURCE } from './support.js';
import type { TypeNames } from './type-names.js';

export interface GeneratedFile {
  /** Relative to the output folder (`packages/api/src/generated`). */
  readonly path: string;
  readonly content: string;
}

export interface GenerateOptions {
  /** The command that regenerates the files, named in their header. */
  readonly command: string;
  /** Names for nested schemas (default: type-names.ts). */
  readonly typeNames?: TypeNames;
}

const SHARED_MODULE = 'shared.ts';

function compareCrds(a: CrdVersion, b: CrdVersion): number {
  return `${a.group}/${a.version}/${a.kind}`.localeCompare(`${b.group}/${b.version}/${b.kind}`);
}

/** Names that more than one kind of a group/version defines: they go to `shared.ts`, once. */
function sharedSchemas(kinds: readonly KindSchemas[]): Map<string, SchemaNode> {
  const seen = new Map<string, { schema: SchemaNode; where: string }>();
  const shared = new Map<string, SchemaNode>();
  for (const k of kinds) {
    for (const [name, schema] of k.schemas) {
      const where = `${k.crd.source}${k.origins.get(name) ?? ''}`;
      const first = seen.get(name);
      if (!first) {
        seen.set(name, { schema, where });
        continue;
      }
      if (typeShape(first.schema) !== typeShape(schema)) {
        throw new CodegenError(`type "${name}" is defined differently in ${first.where} and ${where}`, k.crd.source);
      }
      shared.set(name, first.schema);
    }
  }
  return shared;
}

function importsOf(names: readonly string[], schemas: ReadonlyMap<string, SchemaNode>) {
  const refs = { names: new Set<string>(), models: new Set<string>() };
  for (const name of names) {
    const schema = schemas.get(name);
    if (schema) schemaRefs(schema, refs);
  }
  return refs;
}

function sharedFile(command: string, names: readonly string[], all: ReadonlyMap<string, SchemaNode>, types: ReadonlyMap<string, string>): string {
  const models = [...importsOf(names, all).models].sort();
  const imports = models.length > 0 ? [`import type { ${models.join(', ')} } from '@kubernetes/client-node';`] : [];
  const body = names.map((n) => types.get(n) ?? '');
  return `${header(command)}${[imports.join('\n'), ...body].filter((s) => s !== '').join('\n\n')}\n`;
}

async function groupVersionFiles(dir: string, kinds: readonly KindSchemas[], command: string): Promise<GeneratedFile[]> {
  const shared = sharedSchemas(kinds);
  const all = new Map<string, SchemaNode>();
  for (const k of kinds) for (const [name, schema] of k.schemas) all.set(name, schema);
  const types = await emitTypes(all);
  const files: GeneratedFile[] = [];
  const modules: string[] = [];
  if (shared.size > 0) {
    files.push({ path: `${dir}/${SHARED_MODULE}`, content: sharedFile(command, [...shared.keys()], all, types) });
  }
  for (const k of kinds) {
    const own = [...k.schemas.keys()].filter((n) => !shared.has(n));
    const refs = importsOf(own, all);
    const module = `${k.crd.kind.toLowerCase()}.ts`;
    modules.push(module);
    files.push({
      path: `${dir}/${module}`,
      content: kindFile({
        crd: k.crd,
        path: `${dir}/${module}`,
        command,
        declarations: own.map((n) => types.get(n) ?? ''),
        models: printModelPaths(modelPaths(k.crd.kind, all)),
        modelImports: refs.models,
        sharedNames: new Set([...refs.names].filter((n) => shared.has(n))),
        sharedPath: `${dir}/${SHARED_MODULE}`,
      }),
    });
  }
  if (shared.size > 0) modules.push(SHARED_MODULE);
  files.push({ path: `${dir}/index.ts`, content: groupVersionIndex(command, modules) });
  return files;
}

/** Names two group/versions would both export from the root index. */
function checkRootExports(files: readonly GeneratedFile[], dirs: readonly string[]): void {
  const owner = new Map<string, string>();
  for (const file of files) {
    const dir = dirs.find((d) => file.path.startsWith(`${d}/`));
    if (!dir) continue;
    for (const [, name] of file.content.matchAll(/^export (?:interface|type|const|function) (\w+)/gm)) {
      const prev = owner.get(name ?? '');
      if (prev && prev !== dir) throw new CodegenError(`"${name}" is exported by both ${prev} and ${dir}; the root index cannot re-export both`, file.path);
      owner.set(name ?? '', dir);
    }
  }
}

/** Every generated file for the CRDs in `sources`, sorted by path. */
export async function generate(sources: readonly SourceFile[], options: GenerateOptions): Promise<GeneratedFile[]> {
  const crds = sources.flatMap(readCrdVersions).sort(compareCrds);
  const byGroupVersion = new Map<string, KindSchemas[]>();
  for (const crd of crds) {
    const dir = `${crd.group}/${crd.version}`;
    const list = byGroupVersion.get(dir) ?? [];
    if (list.some((k) => k.crd.kind === crd.kind)) throw new CodegenError(`${crd.kind} ${dir} is defined twice`, crd.source);
    list.push(kindSchemas(crd, options.typeNames));
    byGroupVersion.set(dir, list);
  }
  const files: GeneratedFile[] = [{ path: SUPPORT_FILE, content: `${header(options.command)}${SUPPORT_SOURCE}` }];
  const rootKinds: RootIndexKind[] = [];
  for (const [dir, kinds] of byGroupVersion) {
    files.push(...(await groupVersionFiles(dir, kinds, options.command)));
    rootKinds.push(...kinds.map((k) => ({ crd: k.crd, path: `${dir}/${k.crd.kind.toLowerCase()}.ts` })));
  }
  const dirs = [...byGroupVersion.keys()];
  checkRootExports(files, dirs);
  files.push({ path: 'index.ts', content: rootIndex(options.command, dirs.map((d) => `${d}/index.ts`), rootKinds) });
  return files.sort((a, b) => a.path.localeCompare(b.path));
}
