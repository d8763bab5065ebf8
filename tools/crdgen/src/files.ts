/** File-system side of crdgen: read sources and the snapshot, write or check the generated CRDs. */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CrdgenError } from './errors.js';
import type { TextFile } from './generate.js';
import { parseSnapshot, type OpenApiSnapshot } from './snapshot.js';

export const SNAPSHOT_DIR = 'k8s-openapi';

/** The `*.yaml` files of a folder, sorted by name. */
export function readYamlFiles(dir: string): TextFile[] {
  return yamlNames(dir).map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
}

/** Loads the one `kubernetes-<version>.json` snapshot under `<srcDir>/k8s-openapi`. */
export function loadSnapshot(srcDir: string): OpenApiSnapshot {
  const dir = join(srcDir, SNAPSHOT_DIR);
  const files = listDir(dir).filter((f) => /^kubernetes-.+\.json$/.test(f));
  if (files.length !== 1) {
    throw new CrdgenError(`${dir}: expected exactly one kubernetes-<version>.json snapshot, found ${files.length} (run \`crdgen snapshot\`)`);
  }
  const file = join(dir, files[0] ?? '');
  return parseSnapshot(readFileSync(file, 'utf8'), file);
}

/** Writes the generated files and removes YAML files that no source produces any more. */
export function writeOutputs(outDir: string, files: readonly TextFile[]): string[] {
  const wanted = new Set(files.map((f) => f.name));
  const removed = yamlNames(outDir).filter((name) => !wanted.has(name));
  for (const name of removed) rmSync(join(outDir, name));
  for (const file of files) writeFileSync(join(outDir, file.name), file.text);
  return removed;
}

/** What differs between the generated files and `outDir`: one line per stale, missing or extra file. */
export function staleOutputs(outDir: string, files: readonly TextFile[]): string[] {
  const onDisk = new Set(yamlNames(outDir));
  const problems: string[] = [];
  for (const file of files) {
    if (!onDisk.has(file.name)) problems.push(`${file.name}: missing`);
    else if (readFileSync(join(outDir, file.name), 'utf8') !== file.text) problems.push(`${file.name}: out of date`);
    onDisk.delete(file.name);
  }
  for (const extra of onDisk) problems.push(`${extra}: no source in crds-src`);
  return problems;
}

function yamlNames(dir: string): string[] {
  return listDir(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort();
}

function listDir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch (err) {
    throw new CrdgenError(`cannot read ${dir}`, { cause: err });
  }
}
