import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { drift, writeFiles } from './files.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'codegen-files-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const files = [
  { path: 'index.ts', content: 'export {};\n' },
  { path: 'a.io/v1/thing.ts', content: 'export const x = 1;\n' },
];

describe('drift and writeFiles', () => {
  it('reports missing files, then nothing once written', () => {
    expect(drift(dir, files)).toEqual([
      { path: 'a.io/v1/thing.ts', state: 'missing' },
      { path: 'index.ts', state: 'missing' },
    ]);
    writeFiles(dir, files);
    expect(readFileSync(join(dir, 'a.io/v1/thing.ts'), 'utf8')).toBe('export const x = 1;\n');
    expect(drift(dir, files)).toEqual([]);
  });

  it('reports changed and extra files, and writeFiles repairs both', () => {
    writeFiles(dir, files);
    writeFileSync(join(dir, 'index.ts'), '// edited by hand\n');
    mkdirSync(join(dir, 'old.io/v1'), { recursive: true });
    writeFileSync(join(dir, 'old.io/v1/gone.ts'), '');
    writeFileSync(join(dir, 'notes.md'), 'not generated, not ours');
    expect(drift(dir, files)).toEqual([
      { path: 'index.ts', state: 'changed' },
      { path: 'old.io/v1/gone.ts', state: 'extra' },
    ]);
    writeFiles(dir, files);
    expect(drift(dir, files)).toEqual([]);
    expect(existsSync(join(dir, 'notes.md'))).toBe(true);
  });
});
