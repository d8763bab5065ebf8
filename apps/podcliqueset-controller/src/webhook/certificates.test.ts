import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { certificateFacts, createServingBundle } from '@grove/pki';
import { createLogger } from '@grove/telemetry';
import { FileCertificates, GeneratedCertificates, memoryStore, type TlsMaterial } from './certificates.js';

const spec = { caCommonName: 'Grove-CA', organization: 'Grove', commonName: '127.0.0.1', dnsNames: [], ips: ['127.0.0.1'] };
const logger = createLogger({ name: 'test', level: 'silent' });
const DAY = 86_400_000;

describe('GeneratedCertificates', () => {
  it('creates a bundle once and keeps it while it is fresh', async () => {
    const store = memoryStore();
    const first = await new GeneratedCertificates({ store, spec, logger }).ensure();
    const second = await new GeneratedCertificates({ store, spec, logger }).ensure();
    expect(second).toEqual(first);
    expect(certificateFacts(first.certPem).ips).toEqual(['127.0.0.1']);
  });

  it('renews the leaf from the same CA when the wanted names change', async () => {
    const store = memoryStore();
    const first = await new GeneratedCertificates({ store, spec, logger }).ensure();
    const second = await new GeneratedCertificates({ store, spec: { ...spec, ips: ['127.0.0.1', '10.0.0.1'] }, logger }).ensure();
    expect(second.caPem).toBe(first.caPem);
    expect(certificateFacts(second.certPem).ips).toEqual(['127.0.0.1', '10.0.0.1']);
  });

  it('replaces a stored bundle that does not belong together', async () => {
    const store = memoryStore();
    const good = await createServingBundle(spec);
    const other = await createServingBundle(spec);
    await store.save({ ...good, caPem: other.caPem });
    const ensured = await new GeneratedCertificates({ store, spec, logger }).ensure();
    expect(ensured.caPem).not.toBe(other.caPem);
  });

  it('renews when 80% of the lifetime has passed and reports it to the watcher', async () => {
    let now = new Date();
    const certificates = new GeneratedCertificates({ store: memoryStore(), spec: { ...spec, servingLifetimeMs: 10 * DAY }, logger, now: () => now, checkIntervalMs: 10 });
    const first = await certificates.ensure();
    const stop = new AbortController();
    const changes: TlsMaterial[] = [];
    const watching = certificates.watch(stop.signal, async (m) => void changes.push(m));
    now = new Date(now.getTime() + 9 * DAY);
    await vi.waitFor(() => expect(changes).toHaveLength(1), { timeout: 5_000 });
    stop.abort();
    await watching;
    expect(changes[0]?.caPem).toBe(first.caPem);
    expect(changes[0]?.certPem).not.toBe(first.certPem);
  });
});

describe('FileCertificates', () => {
  async function dirWith(files: Record<string, string>): Promise<string> {
    const dir = mkdtempSync(join(tmpdir(), 'webhook-certs-'));
    for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
    return dir;
  }

  it('reads tls.crt, tls.key and ca.crt, and picks up a replacement', async () => {
    const a = await createServingBundle(spec);
    const dir = await dirWith({ 'tls.crt': a.certPem, 'tls.key': a.keyPem, 'ca.crt': a.caPem });
    const certificates = new FileCertificates(dir, 10);
    expect(await certificates.ensure()).toEqual({ caPem: a.caPem, certPem: a.certPem, keyPem: a.keyPem });
    const stop = new AbortController();
    const changes: TlsMaterial[] = [];
    const watching = certificates.watch(stop.signal, async (m) => void changes.push(m));
    const b = await createServingBundle(spec);
    writeFileSync(join(dir, 'tls.crt'), b.certPem);
    writeFileSync(join(dir, 'tls.key'), b.keyPem);
    writeFileSync(join(dir, 'ca.crt'), b.caPem);
    await vi.waitFor(() => expect(changes.map((c) => c.certPem)).toContain(b.certPem), { timeout: 5_000 });
    stop.abort();
    await watching;
  });

  it('refuses missing or mismatched files with the folder named', async () => {
    const a = await createServingBundle(spec);
    const b = await createServingBundle(spec);
    await expect(new FileCertificates(await dirWith({ 'tls.crt': a.certPem })).ensure()).rejects.toThrow(/reading webhook certificates from .*webhook-certs-/);
    const mismatched = await dirWith({ 'tls.crt': a.certPem, 'tls.key': a.keyPem, 'ca.crt': b.caPem });
    await expect(new FileCertificates(mismatched).ensure()).rejects.toThrow(/do not belong together/);
  });
});
