import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseVersions, toolsetKey, toolsetOfBinary, VersionsFileError } from './versions.js';

const realFile = readFileSync(join(import.meta.dirname, '..', 'versions.json'), 'utf8');
const minimal = (toolset: Record<string, unknown>) => JSON.stringify({ toolsets: [toolset] });

describe('parseVersions', () => {
  it('reads the committed versions file with every component the cluster starts', () => {
    const toolsets = parseVersions(realFile);
    const binaries = toolsets.flatMap((t) => Object.keys(t.binaries));
    expect(binaries).toEqual(
      expect.arrayContaining(['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kubectl', 'kwok', 'helm', 'helm-unittest']),
    );
    const kubernetes = toolsetOfBinary(toolsets, 'kube-apiserver');
    expect(kubernetes.requires['k8s.io/kubernetes']).toMatch(/^v1\.(3[4-9]|[4-9]\d)\.\d+$/);
    expect(toolsetOfBinary(toolsets, 'kwok').assets['kwok-stages.yaml']?.files.length).toBeGreaterThan(0);
  });

  it('rejects a version that is not exact, naming the field', () => {
    const text = minimal({ name: 'etcd', requires: { 'go.etcd.io/etcd/server/v3': 'latest' }, binaries: { etcd: 'x' } });
    expect(() => parseVersions(text)).toThrow(/toolsets\[0\]\.requires\["go\.etcd\.io\/etcd\/server\/v3"\]/);
  });

  it('rejects a toolset without binaries', () => {
    const text = minimal({ name: 'etcd', requires: { m: 'v1.0.0' }, binaries: {} });
    expect(() => parseVersions(text)).toThrow(VersionsFileError);
  });

  it('rejects a binary built by two toolsets', () => {
    const one = { name: 'a', requires: { m: 'v1.0.0' }, binaries: { tool: 'm/cmd' } };
    const two = { name: 'b', requires: { n: 'v1.0.0' }, binaries: { tool: 'n/cmd' } };
    expect(() => parseVersions(JSON.stringify({ toolsets: [one, two] }))).toThrow(/"tool" is built by two toolsets/);
  });

  it('rejects staging replaces of a module that is not required', () => {
    const text = minimal({ name: 'k', requires: { m: 'v1.0.0' }, binaries: { b: 'm' }, stagingReplacesOf: 'other' });
    expect(() => parseVersions(text)).toThrow(/stagingReplacesOf/);
  });

  it('rejects text that is not JSON', () => {
    expect(() => parseVersions('{')).toThrow(/not valid JSON/);
  });
});

describe('toolsetKey', () => {
  it('changes when a pinned version or the Go version changes, and only then', () => {
    const [base] = parseVersions(minimal({ name: 'etcd', requires: { m: 'v1.0.0' }, binaries: { etcd: 'm' } }));
    const [bumped] = parseVersions(minimal({ name: 'etcd', requires: { m: 'v1.0.1' }, binaries: { etcd: 'm' } }));
    if (!base || !bumped) throw new Error('fixture');
    expect(toolsetKey(base, '1.26.0')).toBe(toolsetKey(base, '1.26.0'));
    expect(toolsetKey(base, '1.26.0')).not.toBe(toolsetKey(bumped, '1.26.0'));
    expect(toolsetKey(base, '1.26.0')).not.toBe(toolsetKey(base, '1.27.0'));
  });
});
