/**
 * Grove's own sample manifests (stored by the CRD work under packages/api/test/fixtures), read as
 * plain JSON so tests can change one field at a time.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PodCliqueSet, PodCliqueTemplateSpec } from '@grove/api';
import { parse } from 'yaml';

const SAMPLES_DIR = fileURLToPath(new URL('../../../../../packages/api/test/fixtures/grove-samples/', import.meta.url));


function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return entry.endsWith('.yaml') ? [path] : [];
  });
}

/** Every sample by file name (without `.yaml`). */
export function samples(): Map<string, PodCliqueSet> {
  return new Map(yamlFiles(SAMPLES_DIR).map((path) => [basename(path, '.yaml'), parse(readFileSync(path, 'utf8')) as PodCliqueSet]));
}

/** A deep copy of one sample without its namespace (tests place it in their own), optionally changed. */
export function aSample(name: string, change: (sample: PodCliqueSet) => void = () => undefined): PodCliqueSet {
  const sample = samples().get(name);
  if (sample === undefined) throw new Error(`no Grove sample named ${name} in ${SAMPLES_DIR}`);
  const copy = structuredClone(sample);
  delete copy.metadata.namespace;
  change(copy);
  return copy;
}

/** The i-th clique of a sample (a test that asks for a missing one is wrong, so it throws). */
export function clique(pcs: PodCliqueSet, i: number): PodCliqueTemplateSpec {
  const found = pcs.spec.template.cliques[i];
  if (!found) throw new Error(`sample ${pcs.metadata.name} has no clique ${i}`);
  return found;
}
