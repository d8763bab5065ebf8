/**
 * Renders the wrapper Go module that builds a toolset. Pure: text in, text out.
 *
 * Why a wrapper: `go install module/cmd@version` refuses modules whose go.mod has
 * replace directives (k8s.io/kubernetes maps every staging module to ./staging/src,
 * etcd maps its sibling modules, helm-unittest replaces a fork). A wrapper module
 * requires the pinned versions and repeats those replaces with published versions.
 */
import type { Toolset } from './versions.js';

const STAGING_REPLACE = /^\s*(k8s\.io\/[A-Za-z0-9._-]+)\s+=>\s+\.\/staging\/src\/\1\s*$/;

/**
 * Reads the `./staging/src/...` replaces from k8s.io/kubernetes's go.mod and maps each staging
 * module to its published tag: Kubernetes v1.X.Y publishes staging modules as v0.X.Y.
 */
export function stagingReplaces(kubernetesGoMod: string, kubernetesVersion: string): Record<string, string> {
  const match = /^v1\.(\d+\.\d+.*)$/.exec(kubernetesVersion);
  if (!match) throw new Error(`kubernetes version must look like v1.X.Y, got "${kubernetesVersion}"`);
  const stagingVersion = `v0.${match[1]}`;
  const replaces: Record<string, string> = {};
  for (const line of kubernetesGoMod.split('\n')) {
    const m = STAGING_REPLACE.exec(line);
    if (m?.[1]) replaces[m[1]] = `${m[1]} ${stagingVersion}`;
  }
  if (Object.keys(replaces).length === 0) {
    throw new Error('found no ./staging/src replaces in the kubernetes go.mod');
  }
  return replaces;
}

export interface WrapperModule {
  readonly goMod: string;
  /** A file that imports every main package, so `go mod tidy` keeps their dependencies. */
  readonly toolsGo: string;
}

export function renderWrapperModule(
  toolset: Toolset,
  goDirective: string,
  extraReplaces: Readonly<Record<string, string>> = {},
): WrapperModule {
  const replaces = { ...extraReplaces, ...toolset.replaces };
  const lines = [`module grove.local/toolset/${toolset.name}`, '', `go ${goDirective}`, '', 'require ('];
  for (const [mod, version] of Object.entries(toolset.requires).sort()) lines.push(`\t${mod} ${version}`);
  lines.push(')');
  const replaceEntries = Object.entries(replaces).sort(([a], [b]) => a.localeCompare(b));
  if (replaceEntries.length > 0) {
    lines.push('', 'replace (');
    for (const [from, to] of replaceEntries) lines.push(`\t${from} => ${to}`);
    lines.push(')');
  }
  const imports = Object.values(toolset.binaries)
    .sort()
    .map((pkg) => `\t_ "${pkg}"`);
  const toolsGo = ['//go:build tools', '', 'package tools', '', 'import (', ...imports, ')', ''].join('\n');
  return { goMod: lines.join('\n') + '\n', toolsGo };
}

/** `go 1.26.8` -> `1.26.0`: the wrapper asks for the toolchain's language version, never a newer one. */
export function goDirectiveFor(goVersionOutput: string): string {
  const m = /go(\d+)\.(\d+)/.exec(goVersionOutput);
  if (!m) throw new Error(`cannot read a Go version from "${goVersionOutput.trim()}"`);
  return `${m[1]}.${m[2]}.0`;
}

/** The `go build` argument list for a toolset: one invocation builds every binary into outDir. */
export function goBuildArgs(toolset: Toolset, outDir: string): string[] {
  const ldflags = ['-s', '-w', ...toolset.ldflags].join(' ');
  return ['build', '-trimpath', `-ldflags=${ldflags}`, '-o', `${outDir}/`, ...Object.values(toolset.binaries).sort()];
}

/** The file name `go build -o dir/` gives a main package: its last path element, skipping a `/vN` suffix. */
export function goDefaultBinaryName(pkg: string): string {
  const parts = pkg.split('/');
  const last = parts.at(-1) ?? pkg;
  return /^v\d+$/.test(last) && parts.length > 1 ? (parts.at(-2) ?? last) : last;
}
