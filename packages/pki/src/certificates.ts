/** Certificate authorities, leaf certificates and bare signing keys. */
import { webcrypto } from 'node:crypto';
import { ALG, importPrivateKey, newKeys, privateKeyPem, serial, validity, x509, type CryptoKeyPair } from './x509.js';

export const TEN_YEARS_MS = 10 * 365 * 24 * 3600 * 1000;

export interface KeyPairPem {
  readonly certPem: string;
  readonly keyPem: string;
}

/** A CA able to sign: its certificate and key pair. */
export interface Authority extends KeyPairPem {
  readonly cert: x509.X509Certificate;
  readonly keys: CryptoKeyPair;
}

export interface AuthorityOptions {
  /** Lifetime from now; ten years when omitted. */
  readonly lifetimeMs?: number;
  /** Added to the subject as `O=`. */
  readonly organization?: string;
  /** The clock, for tests; `new Date()` when omitted. */
  readonly now?: Date;
}

export interface LeafSpec {
  /** Subject, e.g. `CN=admin, O=system:masters`. */
  readonly subject: string;
  readonly usage: 'server' | 'client';
  readonly dnsNames?: readonly string[];
  readonly ips?: readonly string[];
  /** Lifetime from now; ten years when omitted. */
  readonly lifetimeMs?: number;
  readonly now?: Date;
}

export async function createAuthority(commonName: string, options: AuthorityOptions = {}): Promise<Authority> {
  const keys = await newKeys();
  const org = options.organization === undefined ? '' : `, O=${options.organization}`;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: `CN=${commonName}${org}`,
    ...validity(options.lifetimeMs ?? TEN_YEARS_MS, options.now ?? new Date()),
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

/**
 * Rebuilds a CA from its PEM certificate and key (e.g. read back from a Secret), so it can sign
 * new leaves without changing the CA bundle that clients already trust.
 */
export async function loadAuthority(pair: KeyPairPem): Promise<Authority> {
  const cert = new x509.X509Certificate(pair.certPem);
  const privateKey = await importPrivateKey(pair.keyPem);
  const publicKey = await cert.publicKey.export(ALG, ['verify']);
  return { cert, keys: { privateKey, publicKey }, certPem: pair.certPem, keyPem: pair.keyPem };
}

function subjectAltNames(spec: LeafSpec): x509.JsonGeneralName[] {
  return [
    ...(spec.dnsNames ?? []).map((value) => ({ type: 'dns' as const, value })),
    ...(spec.ips ?? []).map((value) => ({ type: 'ip' as const, value })),
  ];
}

export async function issueLeaf(ca: Pick<Authority, 'cert' | 'keys'>, spec: LeafSpec): Promise<KeyPairPem> {
  const keys = await newKeys();
  const names = subjectAltNames(spec);
  const usage = spec.usage === 'server' ? x509.ExtendedKeyUsage.serverAuth : x509.ExtendedKeyUsage.clientAuth;
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: spec.subject,
    issuer: ca.cert.subject,
    ...validity(spec.lifetimeMs ?? TEN_YEARS_MS, spec.now ?? new Date()),
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
