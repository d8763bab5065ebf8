/** The generator's file I/O: read the CRD sources, then write the output or compare it. */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { SourceFile } from './crd.js';
import type { GeneratedFile } from './generate.js';

/** The `*.yaml` files of `dir`, sorted, with paths relative to `cwd` for messages. */
export function readSources(dir: string, cwd: string): SourceFile[] {
  if (!existsSync(dir)) throw new Error(`CRD source folder ${dir} does not exist`);
  return readdirSync(dir)
    .filter((name) => name.endsWith('.yaml') || name.endsWith('.yml'))
    .sort()
    .map((name) => ({ path: relative(cwd, join(dir, name)), content: readFileSync(join(dir, name), 'utf8') }));
}

function listTs(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) return listTs(join(dir, entry.name), rel);
    return entry.name.endsWith('.ts') ? [rel] : [];
  });
}

export interface Drift {
  readonly path: string;
  readonly state: 'missing' | 'changed' | 'extra';
}

/** How `outDir` differs from `files` (an `extra` file is a .ts the generator no longer produces). */
export function drift(outDir: string, files: readonly GeneratedFile[]): Drift[] {
  const wanted = new Map(files.map((f) => [f.path, f.content]));
  const out: Drift[] = [];
  for (const [path, content] of wanted) {
    const full = join(outDir, path);
    if (!existsSync(full)) out.push({ path, state: 'missing' });
    else if (readFileSync(full, 'utf8') !== content) out.push({ path, state: 'changed' });
  }
  for (const path of listTs(outDir)) if (!wanted.has(path)) out.push({ path, state: 'extra' });
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

/** Makes `outDir` match `files`: writes what differs, deletes extras. Returns what it changed. */
export function writeFiles(outDir: string, files: readonly GeneratedFile[]): Drift[] {
  const changes = drift(outDir, files);
  const content = new Map(files.map((f) => [f.path, f.content]));
  for (const change of changes) {
    const full = join(outDir, change.path);
    if (change.state === 'extra') {
      rmSync(full);
      continue;
    }
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content.get(change.path) ?? '');
  }
  return changes;
}
