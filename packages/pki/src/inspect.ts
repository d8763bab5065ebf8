/** Reads the facts the rotation decision needs out of PEM certificates (node:crypto's parser). */
import { X509Certificate, createPrivateKey } from 'node:crypto';
import type { CertificateFacts } from './rotation.js';

function sanEntries(san: string | undefined, prefix: string): string[] {
  if (san === undefined) return [];
  return san
    .split(/,\s*/)
    .filter((entry) => entry.startsWith(prefix))
    .map((entry) => entry.slice(prefix.length));
}

/** Validity window and subject alternative names of the first certificate in `pem`. */
export function certificateFacts(pem: string): CertificateFacts {
  const cert = new X509Certificate(pem);
  return {
    notBefore: new Date(cert.validFrom),
    notAfter: new Date(cert.validTo),
    dnsNames: sanEntries(cert.subjectAltName, 'DNS:'),
    ips: sanEntries(cert.subjectAltName, 'IP Address:'),
  };
}

/**
 * Whether `certPem` was signed by `caPem` and `keyPem` is its private key: a bundle read from a
 * Secret or files is only used when all three belong together.
 */
export function isConsistentBundle(bundle: { caPem: string; certPem: string; keyPem: string }): boolean {
  try {
    const ca = new X509Certificate(bundle.caPem);
    const cert = new X509Certificate(bundle.certPem);
    return cert.checkIssued(ca) && cert.verify(ca.publicKey) && cert.checkPrivateKey(createPrivateKey(bundle.keyPem));
  } catch {
    // Unparseable PEM is as unusable as a mismatched one; the caller regenerates or reports it.
    return false;
  }
}
