import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { renderKubeconfig } from './kubeconfig.js';

interface Kubeconfig {
  'current-context': string;
  clusters: { cluster: { server: string; 'certificate-authority-data': string } }[];
  users: { user: Record<string, string> }[];
  contexts: { context: { cluster: string; user: string } }[];
}

describe('renderKubeconfig', () => {
  it('embeds the CA and client identity under one current context', () => {
    const doc = parse(
      renderKubeconfig({ server: 'https://127.0.0.1:1', caPem: 'CA', clientCertPem: 'CERT', clientKeyPem: 'KEY', user: 'u' }),
    ) as Kubeconfig;
    const [cluster] = doc.clusters;
    expect(doc['current-context']).toBe('grove-local');
    expect(cluster?.cluster.server).toBe('https://127.0.0.1:1');
    expect(Buffer.from(cluster?.cluster['certificate-authority-data'] ?? '', 'base64').toString()).toBe('CA');
    expect(Buffer.from(doc.users[0]?.user['client-key-data'] ?? '', 'base64').toString()).toBe('KEY');
    expect(doc.contexts[0]?.context).toEqual({ cluster: 'grove-local', user: 'u' });
  });
});
