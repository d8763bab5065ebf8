import { parseArgs } from 'node:util';

/** Invalid flags or environment; `main` prints the one-line message and exits 2. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly flag: string,
    problem: string,
  ) {
    super(`invalid ${flag}: ${problem}`);
  }
}

export const LOG_LEVELS = ['error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

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

type Env = Readonly<Record<string, string | undefined>>;

const PARSE_PROBLEMS: Record<string, string> = {
  ERR_PARSE_ARGS_UNKNOWN_OPTION: 'unknown flag',
  ERR_PARSE_ARGS_INVALID_OPTION_VALUE: 'needs a value',
  ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL: 'unexpected argument',
};

function parseFlags(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], options: FLAGS, strict: true, allowPositionals: false }).values;
  } catch (err) {
    const { code, message } = err as { code?: string; message?: string };
    const named = /'([^' ]+)/.exec(message ?? '')?.[1] ?? 'arguments';
    throw new ConfigError(named, PARSE_PROBLEMS[code ?? ''] ?? String(message));
  }
}

const DNS_SUBDOMAIN = /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/;

function parseDependency(raw: string): PodCliqueDependency {
  const colon = raw.lastIndexOf(':');
  const fqn = raw.slice(0, colon);
  const min = raw.slice(colon + 1);
  if (colon < 0 || fqn.length > 253 || !DNS_SUBDOMAIN.test(fqn) || !/^[1-9]\d*$/.test(min)) {
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

function parseLogLevel(flag: string | undefined, env: Env): LogLevel {
  const raw = flag ?? env['LOG_LEVEL'] ?? 'info';
  const level = LOG_LEVELS.find((l) => l === raw);
  if (level === undefined) {
    const origin = flag === undefined ? '--log-level (from LOG_LEVEL)' : '--log-level';
    throw new ConfigError(origin, `expected one of ${LOG_LEVELS.join('|')}, got '${raw}'`);
  }
  return level;
}

/** `--podcliques` may repeat; `--log-level` wins over `LOG_LEVEL`. */
export function parseConfig(argv: readonly string[], env: Env): Config {
  const flags = parseFlags(argv);
  return {
    podcliques: parseDependencies(flags.podcliques),
    logLevel: parseLogLevel(flags['log-level'], env),
  };
}
