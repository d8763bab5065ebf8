import { X509Certificate, createPrivateKey, createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createAuthority, createSigningKey, issueLeaf, loadAuthority } from './certificates.js';

describe('createAuthority', () => {
  it('makes a self-signed CA with the given subject and lifetime', async () => {
    const now = new Date('2030-01-01T00:00:00Z');
    const ca = await createAuthority('Test-CA', { organization: 'Grove', lifetimeMs: 86_400_000, now });
    const cert = new X509Certificate(ca.certPem);
    expect(cert.ca).toBe(true);
    expect(cert.subject).toBe('CN=Test-CA\nO=Grove');
    expect(new Date(cert.validTo).toISOString()).toBe('2030-01-02T00:00:00.000Z');
    expect(cert.checkPrivateKey(createPrivateKey(ca.keyPem))).toBe(true);
  });
});

describe('issueLeaf', () => {
  it('issues a server certificate with DNS and IP names, signed by the CA', async () => {
    const ca = await createAuthority('Test-CA');
    const leaf = await issueLeaf(ca, { subject: 'CN=svc', usage: 'server', dnsNames: ['svc.ns.svc'], ips: ['127.0.0.1'] });
    const cert = new X509Certificate(leaf.certPem);
    expect(cert.ca).toBe(false);
    expect(cert.verify(new X509Certificate(ca.certPem).publicKey)).toBe(true);
    expect(cert.subjectAltName).toBe('DNS:svc.ns.svc, IP Address:127.0.0.1');
    expect(cert.keyUsage).toContain('1.3.6.1.5.5.7.3.1'); // serverAuth
  });

  it('issues a client certificate without names', async () => {
    const ca = await createAuthority('Test-CA');
    const cert = new X509Certificate((await issueLeaf(ca, { subject: 'CN=u, O=g', usage: 'client' })).certPem);
    expect(cert.subjectAltName).toBeUndefined();
    expect(cert.keyUsage).toContain('1.3.6.1.5.5.7.3.2'); // clientAuth
  });
});

describe('loadAuthority', () => {
  it('signs with a CA read back from PEM, so leaves verify against the original bundle', async () => {
    const original = await createAuthority('Test-CA');
    const loaded = await loadAuthority({ certPem: original.certPem, keyPem: original.keyPem });
    const leaf = await issueLeaf(loaded, { subject: 'CN=x', usage: 'server', dnsNames: ['x'] });
    expect(new X509Certificate(leaf.certPem).verify(new X509Certificate(original.certPem).publicKey)).toBe(true);
  });

  it('rejects a key without a PEM block', async () => {
    const original = await createAuthority('Test-CA');
    await expect(loadAuthority({ certPem: original.certPem, keyPem: 'garbage' })).rejects.toThrow();
  });
});

describe('createSigningKey', () => {
  it('returns a private key and its matching public key', async () => {
    const key = await createSigningKey();
    const derived = createPublicKey(createPrivateKey(key.privatePem)).export({ format: 'pem', type: 'spki' });
    expect(derived).toBe(createPublicKey(key.publicPem).export({ format: 'pem', type: 'spki' }));
  });
});
