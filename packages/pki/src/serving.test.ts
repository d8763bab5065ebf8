import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { certificateFacts, isConsistentBundle } from './inspect.js';
import { createServingBundle, renewServingLeaf, type ServingSpec } from './serving.js';

const spec: ServingSpec = {
  caCommonName: 'Grove-CA',
  organization: 'Grove',
  commonName: 'grove-operator.ns.svc',
  dnsNames: ['grove-operator', 'grove-operator.ns', 'grove-operator.ns.svc'],
  ips: ['127.0.0.1'],
};

describe('createServingBundle', () => {
  it('creates a CA and a serving certificate for the names and IPs, consistent with each other', async () => {
    const bundle = await createServingBundle(spec);
    expect(isConsistentBundle(bundle)).toBe(true);
    const facts = certificateFacts(bundle.certPem);
    expect(facts.dnsNames).toEqual(spec.dnsNames);
    expect(facts.ips).toEqual(['127.0.0.1']);
    expect(new X509Certificate(bundle.caPem).subject).toBe('CN=Grove-CA\nO=Grove');
  });

  it('defaults to a one-year serving certificate', async () => {
    const now = new Date('2031-06-01T00:00:00Z');
    const facts = certificateFacts((await createServingBundle({ ...spec, now })).certPem);
    expect(facts.notAfter.toISOString()).toBe('2032-05-31T00:00:00.000Z');
  });
});

describe('renewServingLeaf', () => {
  it('issues a new leaf from the same CA, so the CA bundle stays valid', async () => {
    const first = await createServingBundle(spec);
    const second = await renewServingLeaf(first, { ...spec, dnsNames: [...spec.dnsNames, 'extra'] });
    expect(second.caPem).toBe(first.caPem);
    expect(second.certPem).not.toBe(first.certPem);
    expect(isConsistentBundle(second)).toBe(true);
    expect(certificateFacts(second.certPem).dnsNames).toContain('extra');
  });
});

describe('isConsistentBundle', () => {
  it('is false for a leaf from another CA, a foreign key, or garbage', async () => {
    const a = await createServingBundle(spec);
    const b = await createServingBundle(spec);
    expect(isConsistentBundle({ ...a, caPem: b.caPem })).toBe(false);
    expect(isConsistentBundle({ ...a, keyPem: b.keyPem })).toBe(false);
    expect(isConsistentBundle({ ...a, certPem: 'not a pem' })).toBe(false);
  });
});
