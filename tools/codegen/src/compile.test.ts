/**
 * The fixture output must compile under the workspace's strict compiler options, and the types
 * must accept and reject what they should (lines marked `@ts-expect-error` must fail).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { generate } from './generate.js';

const ROOT = join(import.meta.dirname, '..');
const FIXTURES = join(ROOT, 'test/fixtures/crds-src');
// Inside the package so that `@kubernetes/client-node` resolves; tmp/ is git-ignored.
mkdirSync(join(ROOT, 'tmp'), { recursive: true });
const OUT = mkdtempSync(join(ROOT, 'tmp/compile-'));

const USAGE = `
import type { V1PodSpec } from '@kubernetes/client-node';
import { isWidget, WidgetGVK, type GroveResourceTypes, type Widget, type WidgetSpec } from './index.js';

const podSpec: V1PodSpec = { containers: [{ name: 'c', image: 'busybox' }] };
export const ok: Widget = {
  apiVersion: 'example.io/v1alpha1',
  kind: 'Widget',
  metadata: { name: 'w', creationTimestamp: new Date() },
  spec: { template: { podSpec }, maxSurge: '25%', extra: { anything: [1, 'two'] }, parts: [{ name: 'a', constraint: { required: 'rack' } }] },
  status: { conditions: [{ type: 'Ready', status: 'True', reason: 'R', message: '', lastTransitionTime: new Date() }] },
};
// Free-form fields stay usable.
export const extra: unknown = ok.spec?.extra?.['anything'];
// Read back as the client-node model.
export const back: V1PodSpec | undefined = ok.spec?.template.podSpec;

// @ts-expect-error replicas is a number
export const badType: WidgetSpec = { template: { podSpec }, replicas: 'two' };
// @ts-expect-error mode is an enum
export const badEnum: WidgetSpec = { template: { podSpec }, mode: 'Medium' };
// @ts-expect-error template is required
export const missing: WidgetSpec = {};
// @ts-expect-error the kind is a literal
export const wrongKind: Widget = { ...ok, kind: 'Gadget' };
// @ts-expect-error timestamps are Dates, as in client-node (the client decodes them)
export const dated: Widget = { ...ok, metadata: { name: 'w', creationTimestamp: '2024-01-01T00:00:00Z' } };
// @ts-expect-error podSpec is a V1PodSpec
export const badPod: WidgetSpec = { template: { podSpec: { containers: 'nginx' } } };

export const registered: GroveResourceTypes['example.io/v1alpha1/Widget']['object'] = ok;
export const plural: 'widgets' = WidgetGVK.plural;
export const podSpecAt: 'V1PodSpec' = WidgetGVK.models.spec.template.podSpec;
export function narrow(x: unknown): string | undefined {
  return isWidget(x) ? x.metadata.name : undefined;
}
`;

function writeAll(files: readonly { path: string; content: string }[]): string[] {
  return files.map((file) => {
    const full = join(OUT, file.path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, file.content);
    return full;
  });
}

function compilerOptions(): ts.CompilerOptions {
  const base = join(ROOT, '../../tsconfig.base.json');
  const parsed = ts.parseJsonConfigFileContent(ts.readConfigFile(base, (p) => readFileSync(p, 'utf8')).config, ts.sys, ROOT);
  return { ...parsed.options, noEmit: true, composite: false, declaration: false, declarationMap: false, types: [] };
}

afterAll(() => rmSync(OUT, { recursive: true, force: true }));

describe('generated fixture types', () => {
  it('compile strictly, and reject the @ts-expect-error lines', async () => {
    const files = await generate(
      readdirSync(FIXTURES).sort().map((name) => ({ path: name, content: readFileSync(join(FIXTURES, name), 'utf8') })),
      { command: 'test' },
    );
    const roots = writeAll([...files, { path: 'usage.ts', content: USAGE }]);
    const program = ts.createProgram(roots, compilerOptions());
    const messages = ts.getPreEmitDiagnostics(program).map((d) => {
      const where = d.file ? `${d.file.fileName.slice(OUT.length + 1)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}` : '';
      return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
    expect(messages).toEqual([]);
  });
});
