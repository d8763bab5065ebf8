/**
 * The pinned toolsets of the local cluster, read from `versions.json`.
 * A toolset is one Go wrapper module that builds one or more binaries.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

export interface Toolset {
  /** Short name, also the cache folder name (`kubernetes`, `etcd`, ...). */
  readonly name: string;
  /** Go modules and the exact versions the wrapper module requires. */
  readonly requires: Readonly<Record<string, string>>;
  /** `"<module> [version]" -> "<module> <version>"` replace directives the wrapper repeats. */
  readonly replaces: Readonly<Record<string, string>>;
  /** Module whose `./staging/...` replaces are rewritten to published versions (k8s.io/kubernetes). */
  readonly stagingReplacesOf?: string;
  readonly ldflags: readonly string[];
  /** Binary name -> Go main package path. */
  readonly binaries: Readonly<Record<string, string>>;
  /** Data files copied from a required module's source next to the binaries (e.g. KWOK's stages). */
  readonly assets: Readonly<Record<string, Asset>>;
}

/** One output file made by concatenating YAML documents from a module's source tree. */
export interface Asset {
  readonly module: string;
  readonly files: readonly string[];
}

export class VersionsFileError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'VersionsFileError';
  }
}

const VERSION_PATTERN = /^v\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;

function isStringRecord(value: unknown): value is Record<string, string> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((v) => typeof v === 'string')
  );
}

function parseToolset(raw: unknown, index: number): Toolset {
  const where = `toolsets[${index}]`;
  if (typeof raw !== 'object' || raw === null) throw new VersionsFileError(`${where} must be an object`);
  const t = raw as Record<string, unknown>;
  if (typeof t['name'] !== 'string' || !/^[a-z][a-z0-9-]*$/.test(t['name'])) {
    throw new VersionsFileError(`${where}.name must be a lowercase name`);
  }
  const requires = t['requires'];
  if (!isStringRecord(requires) || Object.keys(requires).length === 0) {
    throw new VersionsFileError(`${where}.requires must map at least one module to a version`);
  }
  for (const [mod, version] of Object.entries(requires)) {
    if (!VERSION_PATTERN.test(version)) {
      throw new VersionsFileError(`${where}.requires["${mod}"] must be an exact version like v1.2.3, got "${version}"`);
    }
  }
  const binaries = t['binaries'];
  if (!isStringRecord(binaries) || Object.keys(binaries).length === 0) {
    throw new VersionsFileError(`${where}.binaries must map at least one binary name to a Go package`);
  }
  const replaces = t['replaces'] ?? {};
  if (!isStringRecord(replaces)) throw new VersionsFileError(`${where}.replaces must map strings to strings`);
  const ldflags = t['ldflags'] ?? [];
  if (!Array.isArray(ldflags) || !ldflags.every((f) => typeof f === 'string')) {
    throw new VersionsFileError(`${where}.ldflags must be a list of strings`);
  }
  const staging = t['stagingReplacesOf'];
  if (staging !== undefined && (typeof staging !== 'string' || !(staging in requires))) {
    throw new VersionsFileError(`${where}.stagingReplacesOf must name a module listed in requires`);
  }
  const assets = parseAssets(t['assets'] ?? {}, requires, where);
  return {
    name: t['name'],
    assets,
    requires,
    replaces,
    ldflags: ldflags as string[],
    binaries,
    ...(staging === undefined ? {} : { stagingReplacesOf: staging }),
  };
}

function parseAssets(raw: unknown, requires: Record<string, string>, where: string): Record<string, Asset> {
  if (typeof raw !== 'object' || raw === null) throw new VersionsFileError(`${where}.assets must be an object`);
  const assets: Record<string, Asset> = {};
  for (const [name, value] of Object.entries(raw)) {
    const a = value as { module?: unknown; files?: unknown };
    if (typeof a.module !== 'string' || !(a.module in requires)) {
      throw new VersionsFileError(`${where}.assets["${name}"].module must name a module listed in requires`);
    }
    if (!Array.isArray(a.files) || !a.files.every((f) => typeof f === 'string') || a.files.length === 0) {
      throw new VersionsFileError(`${where}.assets["${name}"].files must be a non-empty list of paths`);
    }
    assets[name] = { module: a.module, files: a.files as string[] };
  }
  return assets;
}

/** Parses the versions file's JSON text; throws VersionsFileError naming the bad field. */
export function parseVersions(text: string): Toolset[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (cause) {
    throw new VersionsFileError('versions file is not valid JSON', { cause });
  }
  const toolsets = (doc as { toolsets?: unknown }).toolsets;
  if (!Array.isArray(toolsets) || toolsets.length === 0) {
    throw new VersionsFileError('versions file must have a non-empty "toolsets" list');
  }
  const parsed = toolsets.map(parseToolset);
  const seen = new Set<string>();
  for (const binary of parsed.flatMap((t) => Object.keys(t.binaries))) {
    if (seen.has(binary)) throw new VersionsFileError(`binary "${binary}" is built by two toolsets`);
    seen.add(binary);
  }
  return parsed;
}

export function loadVersions(path: string): Toolset[] {
  return parseVersions(readFileSync(path, 'utf8'));
}

/**
 * A short hash of everything that changes a toolset's output. The cache folder is
 * keyed by it, so a changed pin or flag builds into a new folder and never reuses stale binaries.
 */
export function toolsetKey(toolset: Toolset, goVersion: string): string {
  const recipe = JSON.stringify({ ...toolset, goVersion });
  return createHash('sha256').update(recipe).digest('hex').slice(0, 12);
}

/** Binary name -> toolset that builds it. */
export function toolsetOfBinary(toolsets: readonly Toolset[], binary: string): Toolset {
  const found = toolsets.find((t) => binary in t.binaries);
  if (!found) throw new VersionsFileError(`no toolset builds the binary "${binary}"`);
  return found;
}
