/** Assembles one kind's file: its types (from emit-types.ts) plus the thin layer openapi-typescript lacks. */
import type { CrdVersion } from './crd.js';
import { header, relativeImport } from './header.js';
import { SUPPORT_FILE } from './support.js';

export interface KindFileInput {
  readonly crd: CrdVersion;
  readonly path: string;
  readonly command: string;
  /** Declarations this file owns, in order. */
  readonly declarations: readonly string[];
  /** Where the kind embeds client-node models (model-paths.ts), printed as a literal. */
  readonly models: string;
  /** client-node models and shared names its declarations use. */
  readonly modelImports: ReadonlySet<string>;
  readonly sharedNames: ReadonlySet<string>;
  readonly sharedPath: string;
}

export const gvkName = (kind: string): string => `${kind}GVK`;
export const guardName = (kind: string): string => `is${kind}`;

function descriptor(crd: CrdVersion, models: string): string {
  const { group, version, kind, listKind, plural, namespaced, subresources } = crd;
  return [
    `/** How to address ${kind} (group, version, plural, scope) and decode it: what the typed client takes. */`,
    `export const ${gvkName(kind)} = {`,
    `  group: '${group}',`,
    `  version: '${version}',`,
    `  kind: '${kind}',`,
    `  listKind: '${listKind}',`,
    `  plural: '${plural}',`,
    `  namespaced: ${namespaced},`,
    `  subresources: { status: ${subresources.status}, scale: ${subresources.scale} },`,
    `  models: ${models},`,
    `} as const satisfies ResourceDescriptor;`,
  ].join('\n');
}

function guard(crd: CrdVersion): string {
  return [
    `/** True for an object that says it is a ${crd.kind} (apiVersion and kind; the fields are not validated). */`,
    `export function ${guardName(crd.kind)}(value: unknown): value is ${crd.kind} {`,
    `  return hasKind(value, '${crd.group}/${crd.version}', '${crd.kind}');`,
    `}`,
  ].join('\n');
}

function imports(input: KindFileInput): string[] {
  const lines: string[] = [];
  const models = [...input.modelImports].sort();
  if (models.length > 0) lines.push(`import type { ${models.join(', ')} } from '@kubernetes/client-node';`);
  lines.push(`import { hasKind, type ResourceDescriptor } from '${relativeImport(input.path, SUPPORT_FILE)}';`);
  const shared = [...input.sharedNames].sort();
  if (shared.length > 0) lines.push(`import type { ${shared.join(', ')} } from '${relativeImport(input.path, input.sharedPath)}';`);
  return lines;
}

export function kindFile(input: KindFileInput): string {
  const parts = [imports(input).join('\n'), ...input.declarations, descriptor(input.crd, input.models), guard(input.crd)];
  return `${header(input.command)}${parts.join('\n\n')}\n`;
}
