import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from './generate.js';

const FIXTURES = join(import.meta.dirname, '../test/fixtures/crds-src');
const SNAPSHOTS = join(import.meta.dirname, '../test/snapshots');

function fixtureSources() {
  return readdirSync(FIXTURES)
    .sort()
    .map((name) => ({ path: `fixtures/${name}`, content: readFileSync(join(FIXTURES, name), 'utf8') }));
}

/** A CRD with one version and the given schema properties, for error cases. */
function crd(kind: string, properties: Record<string, unknown>, group = 'example.io'): string {
  return JSON.stringify({
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    spec: {
      group,
      scope: 'Namespaced',
      names: { kind, plural: `${kind.toLowerCase()}s` },
      versions: [{ name: 'v1', served: true, schema: { openAPIV3Schema: { type: 'object', properties } } }],
    },
  });
}

const run = (...contents: string[]) =>
  generate(contents.map((content, i) => ({ path: `crd${i}.yaml`, content })), { command: 'test' });

describe('generate', () => {
  it('matches the snapshots for the fixture CRDs', async () => {
    const files = await generate(fixtureSources(), { command: 'npx nx run @grove/api:codegen' });
    expect(files.map((f) => f.path)).toEqual([
      'example.io/v1alpha1/index.ts',
      'example.io/v1alpha1/widget.ts',
      'index.ts',
      'sched.example.io/v1alpha1/gadget.ts',
      'sched.example.io/v1alpha1/index.ts',
      'support.ts',
    ]);
    for (const file of files) await expect(file.content).toMatchFileSnapshot(join(SNAPSHOTS, `${file.path}.snap`));
  });

  it('is deterministic whatever the order of its inputs', async () => {
    const sources = fixtureSources();
    const forward = await generate(sources, { command: 'x' });
    const backward = await generate([...sources].reverse(), { command: 'x' });
    expect(backward).toEqual(forward);
  });

  it('names an unknown Kubernetes definition and where it is used', async () => {
    const bad = crd('Thing', { spec: { type: 'object', properties: { x: { $ref: 'k8s:io.k8s.api.core.v1.NoSuchThing' } } } });
    await expect(run(bad)).rejects.toThrow(/crd0\.yaml.*unknown Kubernetes definition "io\.k8s\.api\.core\.v1\.NoSuchThing".*at \.spec\.x/s);
  });

  it('rejects a $ref that is not a k8s: reference', async () => {
    const bad = crd('Thing', { spec: { $ref: '#/definitions/Spec' } });
    await expect(run(bad)).rejects.toThrow(/unsupported \$ref "#\/definitions\/Spec" at \.spec/);
  });

  it('rejects one title naming two different types', async () => {
    const a = { title: 'Part', type: 'object', properties: { x: { type: 'string' } } };
    const b = { title: 'Part', type: 'object', properties: { x: { type: 'integer' } } };
    const bad = crd('Thing', { spec: { type: 'object', properties: { a, b } } });
    await expect(run(bad)).rejects.toThrow(/type name "Part" names two different schemas \(\.spec\.a and \.spec\.b\)/);
  });

  it('shares one declaration between uses that differ only in docs and validation', async () => {
    const a = { title: 'Part', description: 'one', type: 'object', properties: { x: { type: 'string', maxLength: 3 } } };
    const b = { title: 'Part', description: 'two', type: 'object', properties: { x: { type: 'string' } } };
    const files = await run(crd('Thing', { spec: { type: 'object', properties: { a, b } } }));
    const thing = files.find((f) => f.path === 'example.io/v1/thing.ts')?.content ?? '';
    expect(thing.match(/export interface Part /g)).toHaveLength(1);
  });

  it('moves a type two kinds of one group/version define into shared.ts', async () => {
    const part = { title: 'Part', type: 'object', properties: { x: { type: 'string' } } };
    const files = await run(crd('One', { spec: { type: 'object', properties: { part } } }), crd('Two', { status: part }));
    const byPath = new Map(files.map((f) => [f.path, f.content]));
    expect(byPath.get('example.io/v1/shared.ts')).toContain('export interface Part {');
    expect(byPath.get('example.io/v1/one.ts')).toContain("import type { Part } from './shared.js';");
    expect(byPath.get('example.io/v1/two.ts')).not.toContain('export interface Part');
    expect(byPath.get('example.io/v1/index.ts')).toContain("export * from './shared.js';");
  });

  it('names nested schemas from the type-name table, and rejects a table path the schema lacks', async () => {
    const schema = crd('Thing', { spec: { type: 'object', properties: { parts: { type: 'array', items: { type: 'object', properties: { a: { type: 'string' } } } } } } });
    const typeNames = { 'example.io/Thing': { '.spec.parts[*]': 'ThingPart' } };
    const files = await generate([{ path: 'a.yaml', content: schema }], { command: 'test', typeNames });
    expect(files.find((f) => f.path === 'example.io/v1/thing.ts')?.content).toContain('parts?: ThingPart[];');
    const stale = { 'example.io/Thing': { '.spec.gone': 'Gone' } };
    await expect(generate([{ path: 'a.yaml', content: schema }], { command: 'test', typeNames: stale })).rejects.toThrow(
      /type-names\.ts names paths the schema lacks: \.spec\.gone/,
    );
  });

  it('rejects a kind defined twice', async () => {
    const one = crd('Thing', {});
    await expect(run(one, one)).rejects.toThrow(/Thing example\.io\/v1 is defined twice/);
  });

  it('rejects a name two groups would both export from the root index', async () => {
    const part = { title: 'Part', type: 'object', properties: { x: { type: 'string' } } };
    const a = crd('One', { spec: { type: 'object', properties: { part } } }, 'a.example.io');
    const b = crd('Two', { spec: { type: 'object', properties: { part } } }, 'b.example.io');
    await expect(run(a, b)).rejects.toThrow(/"Part" is exported by both a\.example\.io\/v1 and b\.example\.io\/v1/);
  });
});
