// The startup-gate-sidecar's flags. It runs as an init container in user pods, with no health server
// and flags of its own, so it takes the flag primitives from @grove/watch-sdk, not the controller flags.
import { ConfigError, isDnsSubdomain, parseFlags, parseLogLevel, type Env, type LogLevel } from '@grove/watch-sdk';

/** A PodClique this pod waits for, by fully qualified name, and how many of its pods must be ready. */
export interface PodCliqueDependency {
  fqn: string;
  minAvailable: number;
}

export interface Config {
  podcliques: PodCliqueDependency[];
  logLevel: LogLevel;
}

const FLAGS = {
  podcliques: { type: 'string', multiple: true },
  'log-level': { type: 'string' },
} as const;

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

/** `--podcliques` may repeat; `--log-level` wins over `LOG_LEVEL`. */
export function parseConfig(argv: readonly string[], env: Env): Config {
  const flags = parseFlags(argv, FLAGS);
  return {
    podcliques: parseDependencies(flags.podcliques),
    logLevel: parseLogLevel(flags['log-level'], env),
  };
}
