/** The binaries on the cluster's bin/ are the versions pinned in tools/cluster/versions.json. */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '@grove/cluster';
import { describe, expect, inject, it } from 'vitest';

const run = promisify(execFile);
const versions = JSON.parse(readFileSync(join(REPO_ROOT, 'tools', 'cluster', 'versions.json'), 'utf8')) as {
  toolsets: { name: string; requires: Record<string, string> }[];
};
const pinned = (toolset: string, module: string) => versions.toolsets.find((t) => t.name === toolset)?.requires[module];

describe('pinned tools', () => {
  it('serves the pinned Kubernetes version, and kubectl is the same release', async () => {
    const { stdout } = await run(join(inject('binDir'), 'kubectl'), ['--kubeconfig', inject('kubeconfig'), 'version', '-o', 'json']);
    const report = JSON.parse(stdout) as { clientVersion: { gitVersion: string }; serverVersion: { gitVersion: string } };
    const kubernetes = pinned('kubernetes', 'k8s.io/kubernetes');
    expect(report.serverVersion.gitVersion).toBe(kubernetes);
    expect(report.clientVersion.gitVersion).toBe(kubernetes);
  });

  it('has the pinned Helm and a working helm-unittest', async () => {
    const helm = await run(join(inject('binDir'), 'helm'), ['version', '--short']);
    expect(helm.stdout.trim()).toBe(pinned('helm', 'helm.sh/helm/v3'));
    const unittest = await run(join(inject('binDir'), 'helm-unittest'), ['--help']);
    expect(unittest.stdout).toContain('unittest');
  });
});
