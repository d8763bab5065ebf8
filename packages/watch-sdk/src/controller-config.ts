/**
 * The flags every controller deployable takes (`--kubeconfig`, `--health-port`, `--health-host`,
 * `--log-level`). An app's `config.ts` calls {@link parseControllerConfig} with its default health
 * port and, when it has any, its own flags and their validation.
 */
import { isIP } from 'node:net';
import { ConfigError, parseFlags, parseLogLevel, type Env, type FlagSpecs, type FlagValues, type LogLevel } from './flags.js';

export type KubeconfigSource = { kind: 'file'; path: string } | { kind: 'in-cluster' };

export interface ControllerConfig {
  kubeconfig: KubeconfigSource;
  healthPort: number;
  healthHost: string;
  logLevel: LogLevel;
}

const CONTROLLER_FLAGS = {
  kubeconfig: { type: 'string' },
  'health-port': { type: 'string' },
  'health-host': { type: 'string' },
  'log-level': { type: 'string' },
} as const;

export interface ControllerConfigOptions<F extends FlagSpecs, T> {
  /** Each deployable has its own, so all of them can run side by side on one machine. */
  defaultHealthPort: number;
  /** The app's own flags, parsed in the same pass so an unknown flag is still rejected. */
  extraFlags?: F;
  /** Validates the app's own flag values (throwing `ConfigError`) into its extra config fields. */
  extra?: (flags: FlagValues<F>) => T;
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

/**
 * Flags win over the environment (`KUBECONFIG`, `LOG_LEVEL`, `KUBERNETES_SERVICE_HOST`). The shared
 * flags are validated first, then the app's own through `options.extra`.
 */
export function parseControllerConfig<F extends FlagSpecs = Record<never, never>, T extends object = Record<never, never>>(
  argv: readonly string[],
  env: Env,
  options: ControllerConfigOptions<F, T>,
): ControllerConfig & T {
  // The shared flags are spread last, so an app cannot redefine what they mean.
  const flags = parseFlags(argv, { ...options.extraFlags, ...CONTROLLER_FLAGS });
  const shared: ControllerConfig = {
    kubeconfig: kubeconfigSource(flags.kubeconfig, env),
    healthPort: parsePort(flags['health-port'], options.defaultHealthPort),
    healthHost: parseHost(flags['health-host']),
    logLevel: parseLogLevel(flags['log-level'], env),
  };
  const extra = options.extra?.(flags as FlagValues<F>) ?? ({} as T);
  return { ...extra, ...shared };
}
