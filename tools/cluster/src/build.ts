/**
 * Builds the pinned toolsets from their Go modules into the cache, skipping what is already built.
 * Each toolset builds into `<cache>/toolsets/<name>-<key>/bin`; the key hashes the recipe, so a
 * version bump never reuses old binaries, and a folder without its completion stamp is rebuilt.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ClusterError } from './errors.js';
import { withLock } from './lock.js';
import { capture, CommandNotFoundError, runLogged } from './exec.js';
import { goBuildArgs, goDefaultBinaryName, goDirectiveFor, renderWrapperModule, stagingReplaces } from './gomod.js';
import { type Progress, timed } from './progress.js';
import { type Toolset, toolsetKey } from './versions.js';

const STAMP = '.complete';

export interface BuiltToolset {
  readonly toolset: Toolset;
  readonly binDir: string;
  readonly cached: boolean;
}

export async function goVersion(): Promise<string> {
  try {
    return (await capture('go', ['version'])).trim();
  } catch (err) {
    if (err instanceof CommandNotFoundError) {
      throw new ClusterError('go', 'Go toolchain not found on PATH; install Go 1.26 or newer (https://go.dev/doc/install)');
    }
    throw new ClusterError('go', `cannot run "go version": ${(err as Error).message}`);
  }
}

export function toolsetDir(cacheDir: string, toolset: Toolset, goVersionText: string): string {
  return join(cacheDir, 'toolsets', `${toolset.name}-${toolsetKey(toolset, goDirectiveFor(goVersionText))}`);
}

function isComplete(binDir: string, toolset: Toolset): boolean {
  return (
    existsSync(join(binDir, STAMP)) &&
    [...Object.keys(toolset.binaries), ...Object.keys(toolset.assets)].every((f) => existsSync(join(binDir, f)))
  );
}

function goEnv(): NodeJS.ProcessEnv {
  // CGO off: static binaries and no C toolchain needed. GOTOOLCHAIN=local: fail clearly instead of
  // silently downloading another Go. GOFLAGS=-mod=mod lets the wrapper's go.sum be written.
  return { ...process.env, CGO_ENABLED: '0', GOTOOLCHAIN: 'local', GOFLAGS: '-mod=mod' };
}

async function go(args: string[], cwd: string, logFile: string, component: string): Promise<void> {
  const result = await runLogged('go', args, { cwd, env: goEnv(), logFile });
  if (result.code !== 0) {
    const subcommand = args[0] === 'mod' ? `mod ${args[1]}` : args[0];
    throw new ClusterError(component, `"go ${subcommand}" failed (exit ${result.code ?? result.signal})`, logFile);
  }
}

async function kubernetesStagingReplaces(toolset: Toolset): Promise<Record<string, string>> {
  const mod = toolset.stagingReplacesOf;
  if (!mod) return {};
  const version = toolset.requires[mod] as string;
  const info = JSON.parse(await capture('go', ['mod', 'download', '-json', `${mod}@${version}`], goEnv())) as {
    GoMod?: string;
    Error?: string;
  };
  if (!info.GoMod) throw new ClusterError(`build ${toolset.name}`, `cannot download ${mod}@${version}: ${info.Error}`);
  return stagingReplaces(readFileSync(info.GoMod, 'utf8'), version);
}

/** Writes each asset as the `---`-joined YAML documents of its files, read from the module cache. */
async function copyAssets(toolset: Toolset, moduleDir: string, outDir: string): Promise<void> {
  for (const [name, asset] of Object.entries(toolset.assets)) {
    const info = JSON.parse(await capture('go', ['list', '-m', '-json', asset.module], goEnv(), moduleDir)) as {
      Dir?: string;
    };
    if (!info.Dir) throw new ClusterError(`build ${toolset.name}`, `module ${asset.module} has no source folder`);
    const docs = asset.files.map((file) => readFileSync(join(info.Dir as string, file), 'utf8').trim());
    writeFileSync(join(outDir, name), docs.join('\n---\n') + '\n');
  }
}

async function buildToolset(dir: string, toolset: Toolset, goVersionText: string): Promise<void> {
  const component = `build ${toolset.name}`;
  const moduleDir = join(dir, 'module');
  const stagingDir = join(dir, 'bin.partial');
  const logFile = join(dir, 'build.log');
  rmSync(stagingDir, { recursive: true, force: true });
  mkdirSync(moduleDir, { recursive: true });
  mkdirSync(stagingDir, { recursive: true });
  const extra = await kubernetesStagingReplaces(toolset);
  const wrapper = renderWrapperModule(toolset, goDirectiveFor(goVersionText), extra);
  writeFileSync(join(moduleDir, 'go.mod'), wrapper.goMod);
  writeFileSync(join(moduleDir, 'tools.go'), wrapper.toolsGo);
  await go(['mod', 'tidy'], moduleDir, logFile, component);
  await go(goBuildArgs(toolset, stagingDir), moduleDir, logFile, component);
  for (const [binary, pkg] of Object.entries(toolset.binaries)) {
    const produced = goDefaultBinaryName(pkg);
    if (produced !== binary) renameSync(join(stagingDir, produced), join(stagingDir, binary));
  }
  await copyAssets(toolset, moduleDir, stagingDir);
  writeFileSync(join(stagingDir, STAMP), JSON.stringify({ toolset, goVersion: goVersionText }, null, 2));
  const binDir = join(dir, 'bin');
  rmSync(binDir, { recursive: true, force: true });
  renameSync(stagingDir, binDir);
}

/**
 * Builds the toolsets that provide `required` binaries (all toolsets when omitted) and returns them
 * together with any other toolset that is already in the cache.
 */
export async function ensureToolsets(
  toolsets: readonly Toolset[],
  cacheDir: string,
  progress: Progress,
  required?: readonly string[],
): Promise<BuiltToolset[]> {
  const goVersionText = await goVersion();
  const needed = required
    ? toolsets.filter((t) => Object.keys(t.binaries).some((b) => required.includes(b)))
    : toolsets;
  const extras = toolsets
    .filter((t) => !needed.includes(t))
    .map((toolset) => ({ toolset, binDir: join(toolsetDir(cacheDir, toolset, goVersionText), 'bin'), cached: true }))
    .filter((b) => isComplete(b.binDir, b.toolset));
  const built = await buildLocked(needed, cacheDir, goVersionText, progress);
  return [...built, ...extras];
}

async function buildLocked(
  toolsets: readonly Toolset[],
  cacheDir: string,
  goVersionText: string,
  progress: Progress,
): Promise<BuiltToolset[]> {
  // Two processes building into one cache folder would delete each other's partial output.
  return withLock(join(cacheDir, 'toolsets'), () => buildMissing(toolsets, cacheDir, goVersionText, progress));
}

async function buildMissing(
  toolsets: readonly Toolset[],
  cacheDir: string,
  goVersionText: string,
  progress: Progress,
): Promise<BuiltToolset[]> {
  const built: BuiltToolset[] = [];
  for (const toolset of toolsets) {
    const dir = toolsetDir(cacheDir, toolset, goVersionText);
    const binDir = join(dir, 'bin');
    const names = Object.keys(toolset.binaries).join(', ');
    if (isComplete(binDir, toolset)) {
      built.push({ toolset, binDir, cached: true });
      continue;
    }
    progress(`building ${toolset.name} (${names}) with ${goVersionText}; log: ${join(dir, 'build.log')}`);
    await timed(progress, `build ${toolset.name}`, () => buildToolset(dir, toolset, goVersionText));
    built.push({ toolset, binDir, cached: false });
  }
  const cached = built.filter((b) => b.cached).map((b) => b.toolset.name);
  if (cached.length > 0) progress(`using cached builds of ${cached.join(', ')}`);
  return built;
}

/** Binary or asset name -> absolute path, for every built toolset. */
export function builtPaths(built: readonly BuiltToolset[]): Record<string, string> {
  const paths: Record<string, string> = {};
  for (const b of built) {
    for (const name of [...Object.keys(b.toolset.binaries), ...Object.keys(b.toolset.assets)]) {
      paths[name] = join(b.binDir, name);
    }
  }
  return paths;
}
