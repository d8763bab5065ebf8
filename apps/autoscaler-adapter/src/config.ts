import { isIP } from 'node:net';
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

export type KubeconfigSource = { kind: 'file'; path: string } | { kind: 'in-cluster' };

export const LOG_LEVELS = ['error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Config {
  kubeconfig: KubeconfigSource;
  healthPort: number;
  healthHost: string;
  logLevel: LogLevel;
}

export const DEFAULT_HEALTH_PORT = 8084;

const FLAGS = {
  kubeconfig: { type: 'string' },
  'health-port': { type: 'string' },
  'health-host': { type: 'string' },
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

function kubeconfigSource(flag: string | undefined, env: Env): KubeconfigSource {
  const path = flag ?? env['KUBECONFIG'];
  const origin = flag === undefined ? '--kubeconfig (from KUBECONFIG)' : '--kubeconfig';
  if (path !== undefined && path !== '') {
    if (path.includes(':')) throw new ConfigError(origin, 'expected one file, got a list');
    return { kind: 'file', path };
  }
  if (env['KUBERNETES_SERVICE_HOST'] === undefined) {
    throw new ConfigError('--kubeconfig', 'not set, KUBECONFIG is empty and not running in a cluster');
  }
  return { kind: 'in-cluster' };
}

function parsePort(raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port > 65535) {
    throw new ConfigError('--health-port', `expected an integer 0-65535 (0 = any free port), got '${raw}'`);
  }
  return port;
}

function parseHost(raw: string | undefined): string {
  const host = raw ?? '0.0.0.0';
  if (isIP(host) === 0 && !/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/i.test(host)) {
    throw new ConfigError('--health-host', `expected an IP address or host name, got '${host}'`);
  }
  return host;
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

/** Flags win over the environment (`KUBECONFIG`, `LOG_LEVEL`, `KUBERNETES_SERVICE_HOST`). */
export function parseConfig(argv: readonly string[], env: Env): Config {
  const flags = parseFlags(argv);
  return {
    kubeconfig: kubeconfigSource(flags.kubeconfig, env),
    healthPort: parsePort(flags['health-port'], DEFAULT_HEALTH_PORT),
    healthHost: parseHost(flags['health-host']),
    logLevel: parseLogLevel(flags['log-level'], env),
  };
}
