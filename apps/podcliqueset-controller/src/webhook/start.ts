/**
 * Composition of the admission webhook: certificates → HTTPS server → webhook configurations
 * carrying the CA → background rotation. Resolves once the API server can call us, which is when
 * the deployable turns ready (`/readyz`).
 */
import { isIP } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { CoreV1Api, type KubeConfig, type V1LabelSelector } from '@kubernetes/client-node';
import { schedulerCatalog } from '@grove/admission';
import type { ServingSpec } from '@grove/pki';
import type { Logger } from '@grove/telemetry';
import { FileCertificates, GeneratedCertificates, memoryStore, type CertificateSource, type TlsMaterial } from './certificates.js';
import { PATHS, webhookConfigurations, type WebhookEndpoint } from './configurations.js';
import { clusterTopologyValidationHandler, defaultingHandler, podCliqueSetValidationHandler, type AdmissionHandler } from './handlers.js';
import type { WebhookConfig } from './options.js';
import { webhookRegistrar } from './register.js';
import { secretStore } from './secret-store.js';
import { startWebhookServer } from './server.js';
import { topologyLookup } from './topology-lookup.js';

export interface WebhookDeps {
  readonly kubeConfig: KubeConfig;
  readonly logger: Logger;
  readonly signal: AbortSignal;
}

export interface StopBehaviour {
  /** Delete the configurations on stop (a dead URL webhook with failurePolicy Fail blocks every write). */
  readonly unregisterOnStop?: boolean;
}

/** The configuration options that fence the registrations in (see `--webhook-name-suffix`, `--webhook-selector`). */
function scopeOptions(config: WebhookConfig): { nameSuffix?: string; namespaceSelector?: V1LabelSelector; objectSelector?: V1LabelSelector } {
  const { nameSuffix, selector } = config.scope;
  const labelSelector = selector ? { matchLabels: { [selector.key]: selector.value } } : undefined;
  return { ...(nameSuffix && { nameSuffix }), ...(labelSelector && { namespaceSelector: labelSelector, objectSelector: labelSelector }) };
}

export interface RunningWebhook {
  readonly port: number;
  stop(): Promise<void>;
}

/** The names the serving certificate carries (grove-spec §9.2 for a Service; the URL's host locally). */
export function servingSpec(endpoint: WebhookEndpoint): ServingSpec {
  const base = { caCommonName: 'Grove-CA', organization: 'Grove' };
  if (endpoint.kind === 'url') {
    const host = new URL(endpoint.url).hostname.replace(/^\[|\]$/g, '');
    return { ...base, commonName: host, dnsNames: isIP(host) ? [] : [host], ips: isIP(host) ? [host] : [] };
  }
  const { name, namespace } = endpoint;
  const dnsNames = [`${name}.${namespace}.svc`, name, `${name}.${namespace}`, `${name}.${namespace}.svc.cluster.local`];
  return { ...base, commonName: dnsNames[0] as string, dnsNames, ips: [] };
}

function certificateSource(config: WebhookConfig, deps: WebhookDeps): CertificateSource {
  const { certificates } = config;
  if (certificates.kind === 'dir') return new FileCertificates(certificates.dir);
  const store = certificates.kind === 'secret' ? secretStore(deps.kubeConfig.makeApiClient(CoreV1Api), certificates) : memoryStore();
  return new GeneratedCertificates({ store, spec: servingSpec(config.endpoint), logger: deps.logger });
}

function routes(config: WebhookConfig, deps: WebhookDeps): Map<string, AdmissionHandler> {
  const handlerDeps = {
    topologyAwareScheduling: config.topologyAwareScheduling,
    autoMnnvl: config.autoMnnvl,
    schedulers: schedulerCatalog(config.schedulers),
    lookupTopology: topologyLookup(deps.kubeConfig),
  };
  return new Map([
    [PATHS.defaultPodCliqueSet, defaultingHandler()],
    [PATHS.validatePodCliqueSet, podCliqueSetValidationHandler(handlerDeps)],
    [PATHS.validateClusterTopology, clusterTopologyValidationHandler(handlerDeps)],
  ]);
}

/** A URL endpoint with port 0 (tests) means "the port the server got". */
function resolveEndpoint(endpoint: WebhookEndpoint, port: number): WebhookEndpoint {
  if (endpoint.kind !== 'url') return endpoint;
  const url = new URL(endpoint.url);
  if (url.port !== '0') return endpoint;
  url.port = String(port);
  return { kind: 'url', url: url.origin };
}

/** Retries a registration that fails (e.g. RBAC not there yet) with capped backoff until it succeeds or we stop. */
async function retrying(what: () => Promise<void>, deps: WebhookDeps): Promise<void> {
  for (let backoffMs = 500; ; backoffMs = Math.min(backoffMs * 2, 30_000)) {
    try {
      return await what();
    } catch (err) {
      if (deps.signal.aborted) throw err;
      deps.logger.error({ err, retryInMs: backoffMs }, 'registering webhook configurations failed, retrying');
      await sleep(backoffMs, undefined, { signal: deps.signal }).catch(() => undefined);
    }
  }
}

export async function startWebhook(config: WebhookConfig, deps: WebhookDeps, behaviour: StopBehaviour = {}): Promise<RunningWebhook> {
  const logger = deps.logger.child({ component: 'admission-webhook' });
  const source = certificateSource(config, deps);
  let material: TlsMaterial = await source.ensure();
  const server = await startWebhookServer({ host: config.host, port: config.port, tls: material, routes: routes(config, deps), logger });
  const registrar = webhookRegistrar(deps.kubeConfig);
  // The CA bundle keeps the previous CA after a CA rotation, so calls in flight with either certificate verify.
  const endpoint = resolveEndpoint(config.endpoint, server.port);
  const configurations = (caPem: string) => webhookConfigurations({ endpoint, caPem, ...scopeOptions(config) });
  await retrying(() => registrar.apply(configurations(material.caPem)), { ...deps, logger });
  logger.info({ endpoint, certificates: config.certificates.kind }, 'webhook configurations registered');

  const rotation = new AbortController();
  const stopRotation = () => rotation.abort();
  deps.signal.addEventListener('abort', stopRotation, { once: true });
  const watching = source.watch(rotation.signal, async (next) => {
    const caChanged = next.caPem !== material.caPem;
    if (caChanged) await registrar.apply(configurations(`${next.caPem}${material.caPem}`));
    server.setCertificate(next);
    material = next;
    logger.info({ caChanged }, 'webhook certificate rotated');
  });
  return {
    port: server.port,
    async stop() {
      stopRotation();
      await watching;
      if (behaviour.unregisterOnStop) await registrar.remove(configurations(material.caPem));
      await server.close();
    },
  };
}
