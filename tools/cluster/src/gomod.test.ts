import { describe, expect, it } from 'vitest';
import { goBuildArgs, goDefaultBinaryName, goDirectiveFor, renderWrapperModule, stagingReplaces } from './gomod.js';
import type { Toolset } from './versions.js';

const kubernetesGoMod = `module k8s.io/kubernetes

go 1.26.0

replace (
	k8s.io/api => ./staging/src/k8s.io/api
	k8s.io/client-go => ./staging/src/k8s.io/client-go
	github.com/some/fork => github.com/other/fork v1.0.0
)
`;

const toolset: Toolset = {
  name: 'kubernetes',
  requires: { 'k8s.io/kubernetes': 'v1.36.3' },
  replaces: { 'github.com/a/b v0.3.2': 'github.com/c/b v0.4.0' },
  ldflags: ['-X k8s.io/component-base/version.gitVersion=v1.36.3'],
  binaries: { 'kube-apiserver': 'k8s.io/kubernetes/cmd/kube-apiserver', kubectl: 'k8s.io/kubernetes/cmd/kubectl' },
  assets: {},
  stagingReplacesOf: 'k8s.io/kubernetes',
};

describe('stagingReplaces', () => {
  it('maps each ./staging module to the v0.X.Y tag of release v1.X.Y and ignores other replaces', () => {
    expect(stagingReplaces(kubernetesGoMod, 'v1.36.3')).toEqual({
      'k8s.io/api': 'k8s.io/api v0.36.3',
      'k8s.io/client-go': 'k8s.io/client-go v0.36.3',
    });
  });

  it('refuses a version that is not a v1 release', () => {
    expect(() => stagingReplaces(kubernetesGoMod, 'v2.0.0')).toThrow(/v1\.X\.Y/);
  });

  it('refuses a go.mod without staging replaces', () => {
    expect(() => stagingReplaces('module x\n', 'v1.36.3')).toThrow(/no \.\/staging/);
  });
});

describe('renderWrapperModule', () => {
  it('requires the pins, repeats the replaces, and imports every main package', () => {
    const wrapper = renderWrapperModule(toolset, '1.26.0', { 'k8s.io/api': 'k8s.io/api v0.36.3' });
    expect(wrapper.goMod).toBe(
      [
        'module grove.local/toolset/kubernetes',
        '',
        'go 1.26.0',
        '',
        'require (',
        '\tk8s.io/kubernetes v1.36.3',
        ')',
        '',
        'replace (',
        '\tgithub.com/a/b v0.3.2 => github.com/c/b v0.4.0',
        '\tk8s.io/api => k8s.io/api v0.36.3',
        ')',
        '',
      ].join('\n'),
    );
    expect(wrapper.toolsGo).toContain('//go:build tools');
    expect(wrapper.toolsGo).toContain('_ "k8s.io/kubernetes/cmd/kube-apiserver"');
    expect(wrapper.toolsGo).toContain('_ "k8s.io/kubernetes/cmd/kubectl"');
  });
});

describe('go helpers', () => {
  it('reads the language version of the installed toolchain', () => {
    expect(goDirectiveFor('go version go1.26.8 linux/amd64')).toBe('1.26.0');
    expect(() => goDirectiveFor('bash: go: not found')).toThrow(/cannot read a Go version/);
  });

  it('builds all binaries of a toolset in one stripped, trimmed invocation', () => {
    const args = goBuildArgs(toolset, '/cache/bin');
    expect(args.slice(0, 2)).toEqual(['build', '-trimpath']);
    expect(args[2]).toBe('-ldflags=-s -w -X k8s.io/component-base/version.gitVersion=v1.36.3');
    expect(args.slice(3)).toEqual(['-o', '/cache/bin/', 'k8s.io/kubernetes/cmd/kube-apiserver', 'k8s.io/kubernetes/cmd/kubectl']);
  });

  it('knows the file name go build gives a package with a major-version suffix', () => {
    expect(goDefaultBinaryName('go.etcd.io/etcd/server/v3')).toBe('server');
    expect(goDefaultBinaryName('sigs.k8s.io/kwok/cmd/kwok')).toBe('kwok');
  });
});
