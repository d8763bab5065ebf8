/** The index files: one per group/version, and the root index with the kind registry. */
import type { CrdVersion } from './crd.js';
import { gvkName } from './emit-kind.js';
import { header, relativeImport } from './header.js';
import { SUPPORT_FILE } from './support.js';

/** `export *` of each module of one group/version, in the given order. */
export function groupVersionIndex(command: string, modules: readonly string[]): string {
  return `${header(command)}${modules.map((m) => `export * from './${m.replace(/\.ts$/, '.js')}';`).join('\n')}\n`;
}

export interface RootIndexKind {
  readonly crd: CrdVersion;
  /** Path of the kind's file, relative to the output root. */
  readonly path: string;
}

export const registryKey = (crd: CrdVersion): string => `${crd.group}/${crd.version}/${crd.kind}`;

/**
 * Re-exports every group/version and declares `GroveResourceTypes`: the type-level map from a
 * descriptor to its object and list types that lets `client.get(PodCliqueSetGVK, …)` return a
 * `PodCliqueSet` without a class name.
 */
export function rootIndex(command: string, groupVersionIndexes: readonly string[], kinds: readonly RootIndexKind[]): string {
  const lines = [
    `export type { ModelPaths, ResourceDescriptor } from './${SUPPORT_FILE.replace(/\.ts$/, '.js')}';`,
    ...groupVersionIndexes.map((p) => `export * from '${relativeImport('index.ts', p)}';`),
    ...kinds.map(({ crd, path }) => `import type { ${crd.kind}, ${crd.listKind} } from '${relativeImport('index.ts', path)}';`),
    ...kinds.map(({ crd, path }) => `import { ${gvkName(crd.kind)} } from '${relativeImport('index.ts', path)}';`),
    '',
    '/** Every generated kind, keyed by `<group>/<version>/<kind>`: its descriptor, object and list types. */',
    'export interface GroveResourceTypes {',
    ...kinds.map(
      ({ crd }) =>
        `  '${registryKey(crd)}': { descriptor: typeof ${gvkName(crd.kind)}; object: ${crd.kind}; list: ${crd.listKind} };`,
    ),
    '}',
    '',
    '/** Every generated kind\'s descriptor (e.g. to install or watch them all). */',
    'export const groveResources = [',
    ...kinds.map(({ crd }) => `  ${gvkName(crd.kind)},`),
    '] as const;',
  ];
  return `${header(command)}${lines.join('\n')}\n`;
}
