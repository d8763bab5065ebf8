/**
 * A CA plus a serving certificate for a TLS server that the API server calls (an admission
 * webhook): the CA bundle goes into the webhook configurations, the leaf and its key into the server.
 */
import { TEN_YEARS_MS, createAuthority, issueLeaf, loadAuthority } from './certificates.js';

const ONE_YEAR_MS = 365 * 24 * 3600 * 1000;

/** Everything a webhook server persists: CA (with key, to reissue leaves) and serving pair, all PEM. */
export interface ServingBundle {
  readonly caPem: string;
  readonly caKeyPem: string;
  readonly certPem: string;
  readonly keyPem: string;
}

export interface ServingSpec {
  /** CA common name, e.g. `Grove-CA`. */
  readonly caCommonName: string;
  /** Subject organization of CA and leaf, e.g. `Grove`. */
  readonly organization: string;
  /** The leaf's common name, e.g. the Service's DNS name. */
  readonly commonName: string;
  readonly dnsNames: readonly string[];
  readonly ips: readonly string[];
  readonly caLifetimeMs?: number;
  readonly servingLifetimeMs?: number;
  readonly now?: Date;
}

async function issueServing(ca: Parameters<typeof issueLeaf>[0], spec: ServingSpec) {
  return issueLeaf(ca, {
    subject: `CN=${spec.commonName}, O=${spec.organization}`,
    usage: 'server',
    dnsNames: spec.dnsNames,
    ips: spec.ips,
    lifetimeMs: spec.servingLifetimeMs ?? ONE_YEAR_MS,
    ...(spec.now && { now: spec.now }),
  });
}

/** A new CA (ten years by default) and a serving certificate it signed (one year by default). */
export async function createServingBundle(spec: ServingSpec): Promise<ServingBundle> {
  const ca = await createAuthority(spec.caCommonName, {
    organization: spec.organization,
    lifetimeMs: spec.caLifetimeMs ?? TEN_YEARS_MS,
    ...(spec.now && { now: spec.now }),
  });
  const leaf = await issueServing(ca, spec);
  return { caPem: ca.certPem, caKeyPem: ca.keyPem, ...leaf };
}

/** A new serving certificate from the bundle's existing CA: the CA bundle clients trust is unchanged. */
export async function renewServingLeaf(bundle: ServingBundle, spec: ServingSpec): Promise<ServingBundle> {
  const ca = await loadAuthority({ certPem: bundle.caPem, keyPem: bundle.caKeyPem });
  const leaf = await issueServing(ca, spec);
  return { caPem: bundle.caPem, caKeyPem: bundle.caKeyPem, ...leaf };
}
