/**
 * The entry point must stay light (the startup-gate sidecar imports it): no @kubernetes/client-node
 * (seconds to load), RxJS or prom-client in its static import graph. Type-only imports are erased
 * and dynamic `import()` is lazy, so both are allowed.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const HEAVY = ['@kubernetes/client-node', 'rxjs', 'prom-client'];
const STATIC_IMPORT = /^(?:import|export)\s+(?!type\b)[^'"]*?from\s+'([^']+)'|^import\s+'([^']+)'/gm;

/** Every module specifier reachable from `file` through value imports, following relative ones. */
function staticImports(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const match of readFileSync(file, 'utf8').matchAll(STATIC_IMPORT)) {
    const specifier = (match[1] ?? match[2]) as string;
    if (specifier.startsWith('.')) staticImports(resolve(dirname(file), specifier.replace(/\.js$/, '.ts')), seen);
    else seen.add(specifier);
  }
  return seen;
}

describe('@grove/watch-sdk entry point', () => {
  it('loads no heavy package', () => {
    const index = fileURLToPath(new URL('./index.ts', import.meta.url));
    const imports = [...staticImports(index)];
    expect(imports.filter((s) => HEAVY.some((heavy) => s === heavy || s.startsWith(`${heavy}/`)))).toEqual([]);
    // The walk really followed the graph: the queue is part of the entry point.
    expect(imports.some((s) => s.endsWith('queue/work-queue.ts'))).toBe(true);
  });
});
