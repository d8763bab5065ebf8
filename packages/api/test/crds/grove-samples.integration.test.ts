/**
 * Grove's own sample manifests (grove-spec §10.8, test/fixtures/grove-samples) are accepted unchanged:
 * `kubectl apply --dry-run=server` of the file as it is (it names the `default` namespace; a dry run
 * stores nothing there), and a real create in the test namespace that reads back the stored object.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { kubectl } from './support/kubectl.js';
import { at, type Manifest, patched } from './support/manifest.js';
import { useCrdSuite } from './support/suite.js';

const suite = useCrdSuite('crd-samples');
const samplesDir = fileURLToPath(new URL('../fixtures/grove-samples/', import.meta.url));

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? yamlFiles(join(dir, entry.name)) : entry.name.endsWith('.yaml') ? [join(dir, entry.name)] : []))
    .sort();
}

const samples = yamlFiles(samplesDir).map((file) => [relative(samplesDir, file), file] as const);

describe('Grove samples', () => {
  it('covers the five core-concepts samples and the three simple samples', () => {
    expect(samples.filter(([name]) => name.startsWith('user-guide/01_core-concepts/'))).toHaveLength(5);
    expect(samples.filter(([name]) => name.startsWith('simple/'))).toHaveLength(3);
  });

  it.each(samples)('%s passes kubectl apply --dry-run=server unchanged', async (_name, file) => {
    const out = await kubectl('apply', '--dry-run=server', '-f', file);
    expect(out).toMatch(/podcliqueset\.grove\.io\/\S+ (created|configured|unchanged) \(server dry run\)/);
  });

  it.each(samples)('%s is stored as written (plus defaults)', async (_name, file) => {
    const sample = parse(readFileSync(file, 'utf8')) as Manifest;
    const stored = await suite.api().create('PodCliqueSet', suite.namespace(), patched(sample, { 'metadata.namespace': suite.namespace() }));
    const cliques = at(sample, 'spec.template.cliques');
    if (!Array.isArray(cliques)) throw new Error('a sample without spec.template.cliques');
    expect(at(stored, 'spec.template.cliques')).toMatchObject(cliques);
    expect(at(stored, 'spec.template.cliqueStartupType')).toBe(at(sample, 'spec.template.cliqueStartupType') ?? 'CliqueStartupTypeAnyOrder');
  });
});
