// The startup-gate-sidecar's flags. It runs as an init container in user pods, with no health server
// and flags of its own, so it takes the flag primitives from @grove/watch-sdk, not the controller flags.
import { parseGoDuration } from '@grove/api';
import { INIT_CONTAINER } from '@grove/planning';
import { ConfigError, isDnsSubdomain, parseFlags, parseLogLevel, type Env, type LogLevel } from '@grove/watch-sdk';

/** A PodClique this pod waits for, by fully qualified name, and how many of its pods must be ready. */
export interface PodCliqueDependency {
  fqn: string;
  minAvailable: number;
}

export interface Config {
  podcliques: PodCliqueDependency[];
  logLevel: LogLevel;
  /** Where the downward-API files `namespace`, `podgangname` and `traceparent` are. */
  podInfoDir: string;
  /** Give up (exit 1) after this long; undefined waits for ever, the default. */
  timeoutMs?: number;
}

const FLAGS = {
  podcliques: { type: 'string', multiple: true },
  'log-level': { type: 'string' },
  timeout: { type: 'string' },
  'pod-info-dir': { type: 'string' },
} as const;

/** setTimeout's limit (~24.8 days); a longer timeout would fire at once. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

function parseDependency(raw: string): PodCliqueDependency {
  const colon = raw.lastIndexOf(':');
  const fqn = raw.slice(0, colon);
  const min = raw.slice(colon + 1);
  if (colon < 0 || !isDnsSubdomain(fqn) || !/^[1-9]\d*$/.test(min)) {
    throw new ConfigError('--podcliques', `expected <podclique-fqn>:<minAvailable ≥ 1>, got '${raw}'`);
  }
  return { fqn, minAvailable: Number(min) };
}

function parseDependencies(raw: readonly string[] = []): PodCliqueDependency[] {
  const deps = raw.map(parseDependency);
  const seen = new Set<string>();
  for (const { fqn } of deps) {
    if (seen.has(fqn)) throw new ConfigError('--podcliques', `'${fqn}' is given twice`);
    seen.add(fqn);
  }
  return deps;
}

function parseTimeout(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const ms = parseGoDuration(raw);
  if (ms === undefined || ms <= 0 || ms > MAX_TIMEOUT_MS) {
    throw new ConfigError('--timeout', `expected a positive Go duration up to 596h (e.g. 90s, 10m, 1h30m), got '${raw}'`);
  }
  return ms;
}

function parsePodInfoDir(raw: string | undefined): string {
  if (raw === undefined) return INIT_CONTAINER.podInfoMountPath;
  if (raw.trim() === '') throw new ConfigError('--pod-info-dir', 'expected a directory, got an empty value');
  return raw;
}

/** `--podcliques` may repeat; `--log-level` wins over `LOG_LEVEL`; `--timeout` is off by default. */
export function parseConfig(argv: readonly string[], env: Env): Config {
  const flags = parseFlags(argv, FLAGS);
  const timeoutMs = parseTimeout(flags.timeout);
  return {
    podcliques: parseDependencies(flags.podcliques),
    logLevel: parseLogLevel(flags['log-level'], env),
    podInfoDir: parsePodInfoDir(flags['pod-info-dir']),
    ...(timeoutMs !== undefined && { timeoutMs }),
  };
}
