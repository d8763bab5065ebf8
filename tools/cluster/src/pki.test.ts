import { X509Certificate, createPrivateKey, createPublicKey } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensurePki } from './pki.js';

describe('ensurePki', () => {
  it('issues a serving certificate for every API server name and client certificates with their groups', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'pki-')), 'pki');
    const paths = await ensurePki(dir, '10.96.0.1');
    const ca = new X509Certificate(readFileSync(paths.ca.cert));
    const server = new X509Certificate(readFileSync(paths.apiserver.cert));
    expect(ca.ca).toBe(true);
    expect(server.checkIssued(ca)).toBe(true);
    expect(server.verify(ca.publicKey)).toBe(true);
    expect(server.subjectAltName).toContain('DNS:kubernetes.default.svc');
    expect(server.subjectAltName).toContain('IP Address:127.0.0.1');
    expect(server.subjectAltName).toContain('IP Address:10.96.0.1');
    expect(server.checkPrivateKey(createPrivateKey(readFileSync(paths.apiserver.key)))).toBe(true);

    const admin = new X509Certificate(readFileSync(paths.admin.cert));
    expect(admin.subject).toContain('O=system:masters');
    expect(admin.checkIssued(ca)).toBe(true);
    expect(admin.keyUsage).toContain('1.3.6.1.5.5.7.3.2'); // clientAuth

    const frontProxyCa = new X509Certificate(readFileSync(paths.frontProxyCa.cert));
    expect(new X509Certificate(readFileSync(paths.frontProxyClient.cert)).checkIssued(frontProxyCa)).toBe(true);

    const saPublic = createPublicKey(readFileSync(paths.serviceAccount.pub));
    const saPrivate = createPrivateKey(readFileSync(paths.serviceAccount.key));
    expect(createPublicKey(saPrivate).export({ format: 'pem', type: 'spki' })).toBe(saPublic.export({ format: 'pem', type: 'spki' }));
  });

  it('keeps an existing PKI folder as it is, so kubeconfigs stay valid across restarts', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'pki-')), 'pki');
    const first = await ensurePki(dir, '10.96.0.1');
    const before = readFileSync(first.ca.cert, 'utf8');
    await ensurePki(dir, '10.96.0.1');
    expect(readFileSync(first.ca.cert, 'utf8')).toBe(before);
  });
});
