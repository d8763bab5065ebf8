/**
 * Command-line flag primitives every Grove deployable shares, so each app's `config.ts` only adds
 * its own flags: a typed, strict `parseArgs` whose failures become one-line `ConfigError`s, the log
 * level (flag over `LOG_LEVEL`), and the exit-2-on-bad-config rule of every `main.ts`.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

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

/** The environment as `main` passes it in; config is never read from `process.env` directly. */
export type Env = Readonly<Record<string, string | undefined>>;

/** Flag declarations in `node:util` `parseArgs` form. */
export type FlagSpecs = NonNullable<ParseArgsConfig['options']>;

type StrictParse<F extends FlagSpecs> = { args: string[]; options: F; strict: true; allowPositionals: false };

/** The parsed values of `F`: `string` for string flags, `string[]` for `multiple`, absent when not given. */
export type FlagValues<F extends FlagSpecs> = ReturnType<typeof parseArgs<StrictParse<F>>>['values'];

const PARSE_PROBLEMS: Record<string, string> = {
  ERR_PARSE_ARGS_UNKNOWN_OPTION: 'unknown flag',
  ERR_PARSE_ARGS_INVALID_OPTION_VALUE: 'needs a value',
  ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL: 'unexpected argument',
};

/** Parses `argv` strictly: unknown flags and positional arguments are a `ConfigError` naming them. */
export function parseFlags<F extends FlagSpecs>(argv: readonly string[], flags: F): FlagValues<F> {
  const config: StrictParse<F> = { args: [...argv], options: flags, strict: true, allowPositionals: false };
  try {
    return parseArgs(config).values;
  } catch (err) {
    const { code, message } = err as { code?: string; message?: string };
    // parseArgs quotes the offending flag or argument first in its message.
    const named = /'([^' ]+)/.exec(message ?? '')?.[1] ?? 'arguments';
    throw new ConfigError(named, PARSE_PROBLEMS[code ?? ''] ?? String(message));
  }
}

export const LOG_LEVELS = ['error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** `--log-level` wins over `LOG_LEVEL`; `info` when neither is set. */
export function parseLogLevel(flag: string | undefined, env: Env): LogLevel {
  const raw = flag ?? env['LOG_LEVEL'] ?? 'info';
  const level = LOG_LEVELS.find((l) => l === raw);
  if (level === undefined) {
    const origin = flag === undefined ? '--log-level (from LOG_LEVEL)' : '--log-level';
    throw new ConfigError(origin, `expected one of ${LOG_LEVELS.join('|')}, got '${raw}'`);
  }
  return level;
}

const DNS_SUBDOMAIN = /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/;

/** A Kubernetes DNS subdomain name (RFC 1123): what object names and scheduler names must be. */
export function isDnsSubdomain(name: string): boolean {
  return name.length <= 253 && DNS_SUBDOMAIN.test(name);
}

/**
 * Runs `parse`; on a `ConfigError` prints `<name>: invalid <flag>: <problem>` to stderr and exits 2,
 * so a bad flag never looks like a crash (exit 1) to whoever started the process.
 */
export function configOrExit<C>(name: string, parse: () => C): C {
  try {
    return parse();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${name}: ${err.message}\n`);
    process.exit(2);
  }
}
