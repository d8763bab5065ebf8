/**
 * Grove's own sample manifests (stored under packages/api/test/fixtures/grove-samples), read by
 * path as plain objects so a scenario can place one in its namespace or change a field.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { REPO_ROOT } from '@grove/cluster';
import type { PodCliqueSet } from '@grove/api';
import { parse } from 'yaml';

const SAMPLES_DIR = join(REPO_ROOT, 'packages', 'api', 'test', 'fixtures', 'grove-samples');

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return entry.endsWith('.yaml') ? [path] : [];
  });
}

/** A deep copy of sample `<name>.yaml` moved into `namespace`, optionally renamed. */
export function sample(name: string, namespace: string, rename?: string): PodCliqueSet {
  const path = yamlFiles(SAMPLES_DIR).find((file) => basename(file, '.yaml') === name);
  if (path === undefined) throw new Error(`no Grove sample named ${name} under ${SAMPLES_DIR}`);
  const pcs = structuredClone(parse(readFileSync(path, 'utf8')) as PodCliqueSet);
  pcs.metadata = { ...pcs.metadata, namespace, ...(rename === undefined ? {} : { name: rename }) };
  return pcs;
}
