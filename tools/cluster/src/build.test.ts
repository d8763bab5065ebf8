import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureToolsets } from './build.js';
import { ClusterError } from './errors.js';
import { silentProgress } from './progress.js';
import type { Toolset } from './versions.js';

const broken: Toolset = {
  name: 'broken',
  requires: { 'grove.invalid/does-not-exist': 'v0.0.1' },
  replaces: {},
  ldflags: [],
  binaries: { nothing: 'grove.invalid/does-not-exist/cmd/nothing' },
  assets: {},
};

describe('ensureToolsets errors', () => {
  const savedPath = process.env['PATH'];
  afterEach(() => {
    process.env['PATH'] = savedPath;
  });

  it('says in one line that Go is missing', async () => {
    process.env['PATH'] = mkdtempSync(join(tmpdir(), 'empty-path-'));
    const cache = mkdtempSync(join(tmpdir(), 'cache-'));
    await expect(ensureToolsets([broken], cache, silentProgress)).rejects.toThrow(
      new ClusterError('go', 'Go toolchain not found on PATH; install Go 1.26 or newer (https://go.dev/doc/install)'),
    );
  });

  it('names the toolset and its build log when a build fails', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'cache-'));
    const failure = ensureToolsets([broken], cache, silentProgress);
    await expect(failure).rejects.toBeInstanceOf(ClusterError);
    await expect(failure).rejects.toThrow(/^build broken: "go mod tidy" failed \(exit 1\) \(log: .*\/toolsets\/broken-[0-9a-f]{12}\/build\.log\)$/);
  }, 60_000);
});
