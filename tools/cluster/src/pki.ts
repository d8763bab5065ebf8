/**
 * Certificates and keys for the local control plane, generated once on first start and reused
 * (so a restarted cluster keeps its CA and the kubeconfig stays valid). ECDSA P-256 everywhere:
 * fast to generate and accepted by every Kubernetes component.
 */
import { webcrypto } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
// @peculiar/x509 relies on decorator metadata; the polyfill must load before it.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

type CryptoKeyPair = webcrypto.CryptoKeyPair;
type CryptoKey = webcrypto.CryptoKey;

const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const TEN_YEARS_MS = 10 * 365 * 24 * 3600 * 1000;

export interface KeyPairPem {
  readonly certPem: string;
  readonly keyPem: string;
}

interface Authority {
  readonly cert: x509.X509Certificate;
  readonly keys: CryptoKeyPair;
}

export interface LeafSpec {
  /** Subject, e.g. `CN=admin, O=system:masters`. */
  readonly subject: string;
  readonly usage: 'server' | 'client';
  readonly dnsNames?: readonly string[];
  readonly ips?: readonly string[];
}

async function newKeys(): Promise<CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
}

async function privateKeyPem(key: CryptoKey): Promise<string> {
  return x509.PemConverter.encode(await webcrypto.subtle.exportKey('pkcs8', key), 'PRIVATE KEY');
}

function serial(): string {
  return Buffer.from(webcrypto.getRandomValues(new Uint8Array(16))).toString('hex').replace(/^[89a-f]/, '1');
}

function validity(): { notBefore: Date; notAfter: Date } {
  const now = Date.now();
  return { notBefore: new Date(now - 3600_000), notAfter: new Date(now + TEN_YEARS_MS) };
}

export async function createAuthority(commonName: string): Promise<Authority & KeyPairPem> {
  const keys = await newKeys();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: `CN=${commonName}`,
    ...validity(),
    keys,
    signingAlgorithm: ALG,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { cert, keys, certPem: cert.toString('pem'), keyPem: await privateKeyPem(keys.privateKey) };
}

export async function issueLeaf(ca: Authority, spec: LeafSpec): Promise<KeyPairPem> {
  const keys = await newKeys();
  const names = [
    ...(spec.dnsNames ?? []).map((value) => ({ type: 'dns' as const, value })),
    ...(spec.ips ?? []).map((value) => ({ type: 'ip' as const, value })),
  ];
  const usage = spec.usage === 'server' ? x509.ExtendedKeyUsage.serverAuth : x509.ExtendedKeyUsage.clientAuth;
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: spec.subject,
    issuer: ca.cert.subject,
    ...validity(),
    signingKey: ca.keys.privateKey,
    publicKey: keys.publicKey,
    signingAlgorithm: ALG,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
      new x509.ExtendedKeyUsageExtension([usage]),
      await x509.AuthorityKeyIdentifierExtension.create(ca.cert),
      ...(names.length > 0 ? [new x509.SubjectAlternativeNameExtension(names)] : []),
    ],
  });
  return { certPem: cert.toString('pem'), keyPem: await privateKeyPem(keys.privateKey) };
}

/** A signing key pair for service-account tokens: private key and public key (SPKI), both PEM. */
export async function createSigningKey(): Promise<{ privatePem: string; publicPem: string }> {
  const keys = await newKeys();
  const spki = await webcrypto.subtle.exportKey('spki', keys.publicKey);
  return { privatePem: await privateKeyPem(keys.privateKey), publicPem: x509.PemConverter.encode(spki, 'PUBLIC KEY') };
}

/** Paths of every file the control plane reads from its PKI folder. */
export function pkiPaths(dir: string) {
  const pair = (name: string) => ({ cert: join(dir, `${name}.crt`), key: join(dir, `${name}.key`) });
  return {
    dir,
    ca: pair('ca'),
    frontProxyCa: pair('front-proxy-ca'),
    apiserver: pair('apiserver'),
    frontProxyClient: pair('front-proxy-client'),
    admin: pair('admin'),
    controllerManager: pair('kube-controller-manager'),
    scheduler: pair('kube-scheduler'),
    kwok: pair('kwok'),
    serviceAccount: { key: join(dir, 'sa.key'), pub: join(dir, 'sa.pub') },
  };
}

export type PkiPaths = ReturnType<typeof pkiPaths>;

/** The names the API server's serving certificate must carry. */
export const APISERVER_DNS_NAMES = [
  'localhost',
  'kubernetes',
  'kubernetes.default',
  'kubernetes.default.svc',
  'kubernetes.default.svc.cluster.local',
] as const;

function writePair(paths: { cert: string; key: string }, pair: KeyPairPem): void {
  writeFileSync(paths.cert, pair.certPem);
  writeFileSync(paths.key, pair.keyPem, { mode: 0o600 });
}

/**
 * Creates the PKI folder unless it is complete already. The service-cluster IP of the
 * `kubernetes` Service is included in the serving certificate so in-cluster clients verify it.
 */
export async function ensurePki(dir: string, serviceIp: string): Promise<PkiPaths> {
  const paths = pkiPaths(dir);
  if (existsSync(paths.serviceAccount.pub) && existsSync(paths.kwok.key)) return paths;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const ca = await createAuthority('grove-local-ca');
  const frontProxyCa = await createAuthority('grove-local-front-proxy-ca');
  writePair(paths.ca, ca);
  writePair(paths.frontProxyCa, frontProxyCa);
  const server = { usage: 'server' as const, dnsNames: APISERVER_DNS_NAMES, ips: ['127.0.0.1', serviceIp] };
  writePair(paths.apiserver, await issueLeaf(ca, { subject: 'CN=kube-apiserver', ...server }));
  writePair(paths.frontProxyClient, await issueLeaf(frontProxyCa, { subject: 'CN=front-proxy-client', usage: 'client' }));
  writePair(paths.admin, await issueLeaf(ca, { subject: 'CN=grove-admin, O=system:masters', usage: 'client' }));
  const kcm = { subject: 'CN=system:kube-controller-manager', usage: 'client' as const };
  writePair(paths.controllerManager, await issueLeaf(ca, kcm));
  writePair(paths.scheduler, await issueLeaf(ca, { subject: 'CN=system:kube-scheduler', usage: 'client' }));
  // KWOK simulates every kubelet at once, so it gets cluster-admin rather than per-node identities.
  writePair(paths.kwok, await issueLeaf(ca, { subject: 'CN=kwok-controller, O=system:masters', usage: 'client' }));
  const sa = await createSigningKey();
  writeFileSync(paths.serviceAccount.key, sa.privatePem, { mode: 0o600 });
  writeFileSync(paths.serviceAccount.pub, sa.publicPem);
  return paths;
}

export function readPem(path: string): string {
  return readFileSync(path, 'utf8');
}
