/**
 * The webhook's flags. The webhook runs when the API server can be told where it is: by URL
 * (`--webhook-url`, the local cluster, where no Service routing exists) or by Service
 * (`--webhook-service=<ns>/<name>`, in a cluster). Certificates are generated (in memory, or kept
 * in `--webhook-cert-secret`) or read from `--webhook-cert-dir`.
 */
import { isIP } from 'node:net';
import { ConfigError, isDnsSubdomain, type FlagValues } from '@grove/watch-sdk';
import type { WebhookEndpoint } from './configurations.js';

export const WEBHOOK_FLAGS = {
  'webhook-port': { type: 'string' },
  'webhook-host': { type: 'string' },
  'webhook-url': { type: 'string' },
  'webhook-service': { type: 'string' },
  'webhook-cert-secret': { type: 'string' },
  'webhook-cert-dir': { type: 'string' },
  'webhook-name-suffix': { type: 'string' },
  'webhook-selector': { type: 'string' },
  'topology-aware-scheduling': { type: 'boolean' },
  'auto-mnnvl': { type: 'boolean' },
  schedulers: { type: 'string' },
} as const;

export const DEFAULT_WEBHOOK_PORT = 9443;
/** Grove's chart enables these; `default-scheduler` is always on. */
export const DEFAULT_SCHEDULERS = ['default-scheduler', 'podgang-scheduler'];

export type CertificateConfig =
  | { readonly kind: 'generated' }
  | { readonly kind: 'secret'; readonly namespace: string; readonly name: string }
  | { readonly kind: 'dir'; readonly dir: string };

/** Fences the registrations in: another set of names, and only labelled namespaces / bindings. */
export interface RegistrationScopeConfig {
  readonly nameSuffix?: string;
  /** A label that PodCliqueSet namespaces and ClusterTopologyBinding objects must carry. */
  readonly selector?: { readonly key: string; readonly value: string };
}

export interface WebhookConfig {
  readonly scope: RegistrationScopeConfig;
  readonly host: string;
  readonly port: number;
  readonly endpoint: WebhookEndpoint;
  readonly certificates: CertificateConfig;
  readonly topologyAwareScheduling: boolean;
  /** Grove's `network.autoMNNVLEnabled`: accept `grove.io/mnnvl-group` annotations other than `none`. */
  readonly autoMnnvl: boolean;
  readonly schedulers: readonly string[];
}

function namespacedName(flag: string, raw: string): { namespace: string; name: string } {
  const [namespace = '', name = '', ...rest] = raw.split('/');
  if (rest.length > 0 || !isDnsSubdomain(namespace) || !isDnsSubdomain(name)) throw new ConfigError(flag, `expected <namespace>/<name>, got '${raw}'`);
  return { namespace, name };
}

function parseUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('--webhook-url', `not a URL: '${raw}'`);
  }
  if (url.protocol !== 'https:' || url.pathname !== '/' || url.search !== '' || url.username !== '') {
    throw new ConfigError('--webhook-url', `expected https://<host>:<port> without a path, got '${raw}'`);
  }
  return url;
}

function parsePort(raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) > 65535) throw new ConfigError('--webhook-port', `expected an integer 0-65535, got '${raw}'`);
  return Number(raw);
}

function endpointOf(flags: FlagValues<typeof WEBHOOK_FLAGS>): { endpoint: WebhookEndpoint; urlPort?: number } | undefined {
  const { 'webhook-url': url, 'webhook-service': service } = flags;
  if (url !== undefined && service !== undefined) throw new ConfigError('--webhook-url', 'give --webhook-url or --webhook-service, not both');
  if (url !== undefined) {
    const parsed = parseUrl(url);
    return { endpoint: { kind: 'url', url: parsed.origin }, urlPort: Number(parsed.port || 443) };
  }
  if (service === undefined) return undefined;
  const [ref = '', port = '443'] = service.split(':');
  if (!/^\d+$/.test(port)) throw new ConfigError('--webhook-service', `expected <namespace>/<name>[:port], got '${service}'`);
  return { endpoint: { kind: 'service', ...namespacedName('--webhook-service', ref), port: Number(port) } };
}

function certificatesOf(flags: FlagValues<typeof WEBHOOK_FLAGS>): CertificateConfig {
  const { 'webhook-cert-secret': secret, 'webhook-cert-dir': dir } = flags;
  if (secret !== undefined && dir !== undefined) throw new ConfigError('--webhook-cert-dir', 'give --webhook-cert-dir or --webhook-cert-secret, not both');
  if (secret !== undefined) return { kind: 'secret', ...namespacedName('--webhook-cert-secret', secret) };
  if (dir !== undefined) return { kind: 'dir', dir };
  return { kind: 'generated' };
}

const LABEL_KEY = /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;

function scopeOf(flags: FlagValues<typeof WEBHOOK_FLAGS>): RegistrationScopeConfig {
  const { 'webhook-name-suffix': suffix, 'webhook-selector': selector } = flags;
  if (suffix !== undefined && !/^[-a-z0-9]{1,40}$/.test(suffix)) throw new ConfigError('--webhook-name-suffix', `expected up to 40 of [-a-z0-9], got '${suffix}'`);
  if (selector === undefined) return suffix === undefined ? {} : { nameSuffix: suffix };
  const [key = '', value = '', ...rest] = selector.split('=');
  if (!selector.includes('=') || rest.length > 0 || !LABEL_KEY.test(key) || !LABEL_VALUE.test(value)) throw new ConfigError('--webhook-selector', `expected <label>=<value>, got '${selector}'`);
  return { ...(suffix !== undefined && { nameSuffix: suffix }), selector: { key, value } };
}

function schedulersOf(raw: string | undefined): string[] {
  if (raw === undefined) return DEFAULT_SCHEDULERS;
  const names = raw.split(',').map((s) => s.trim());
  const bad = names.find((n) => !isDnsSubdomain(n));
  if (bad !== undefined) throw new ConfigError('--schedulers', `expected comma-separated scheduler names, got '${raw}'`);
  return names;
}

/** The webhook config, or undefined when neither --webhook-url nor --webhook-service is given (no webhook runs). */
export function parseWebhookFlags(flags: FlagValues<typeof WEBHOOK_FLAGS>): WebhookConfig | undefined {
  const where = endpointOf(flags);
  const schedulers = schedulersOf(flags.schedulers);
  if (where === undefined) {
    const stray = (['webhook-port', 'webhook-host', 'webhook-cert-secret', 'webhook-cert-dir', 'webhook-name-suffix', 'webhook-selector'] as const).find((f) => flags[f] !== undefined);
    if (stray) throw new ConfigError(`--${stray}`, 'needs --webhook-url or --webhook-service');
    return undefined;
  }
  const host = flags['webhook-host'] ?? '0.0.0.0';
  if (isIP(host) === 0 && !isDnsSubdomain(host)) throw new ConfigError('--webhook-host', `expected an IP address or host name, got '${host}'`);
  return {
    scope: scopeOf(flags),
    host,
    port: parsePort(flags['webhook-port'], where.urlPort ?? DEFAULT_WEBHOOK_PORT),
    endpoint: where.endpoint,
    certificates: certificatesOf(flags),
    topologyAwareScheduling: flags['topology-aware-scheduling'] ?? false,
    autoMnnvl: flags['auto-mnnvl'] ?? false,
    schedulers,
  };
}
