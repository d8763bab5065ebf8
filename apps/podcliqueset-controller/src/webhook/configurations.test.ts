import { describe, expect, it } from 'vitest';
import { webhookConfigurations } from './configurations.js';
import { servingSpec } from './start.js';

const caPem = '-----BEGIN CERTIFICATE-----\nX\n-----END CERTIFICATE-----\n';

describe('webhookConfigurations', () => {
  const local = webhookConfigurations({ endpoint: { kind: 'url', url: 'https://127.0.0.1:9443' }, caPem });

  it('registers the three webhooks of grove-spec §9.1 under their names', () => {
    expect(local.mutating.map((c) => [c.metadata?.name, c.webhooks?.map((w) => w.name)])).toEqual([['podcliqueset-defaulting-webhook', ['pcs.defaulting.webhooks.grove.io']]]);
    expect(local.validating.map((c) => [c.metadata?.name, c.webhooks?.map((w) => w.name)])).toEqual([
      ['podcliqueset-validating-webhook', ['pcs.validating.webhooks.grove.io']],
      ['clustertopology-validating-webhook', ['clustertopology.validating.webhooks.grove.io']],
    ]);
  });

  it('gives every webhook the shared policies, admission v1 and the CA bundle', () => {
    for (const webhook of [...local.mutating, ...local.validating].flatMap((c) => c.webhooks ?? [])) {
      expect(webhook).toMatchObject({ failurePolicy: 'Fail', sideEffects: 'None', timeoutSeconds: 10, matchPolicy: 'Exact', admissionReviewVersions: ['v1'] });
      expect(Buffer.from(webhook.clientConfig.caBundle ?? '', 'base64').toString()).toBe(caPem);
    }
  });

  it('points at the paths by URL locally and by Service in a cluster', () => {
    expect(local.mutating[0]?.webhooks?.[0]?.clientConfig.url).toBe('https://127.0.0.1:9443/webhooks/default-podcliqueset');
    const inCluster = webhookConfigurations({ endpoint: { kind: 'service', namespace: 'grove', name: 'grove-operator', port: 443 }, caPem });
    expect(inCluster.validating[1]?.webhooks?.[0]?.clientConfig.service).toEqual({ namespace: 'grove', name: 'grove-operator', port: 443, path: '/webhooks/validate-clustertopology' });
  });

  it('matches PodCliqueSets (namespaced) and ClusterTopologyBindings (cluster) on create and update', () => {
    expect(local.validating[0]?.webhooks?.[0]?.rules).toEqual([{ apiGroups: ['grove.io'], apiVersions: ['v1alpha1'], operations: ['CREATE', 'UPDATE'], resources: ['podcliquesets'], scope: 'Namespaced' }]);
    expect(local.validating[1]?.webhooks?.[0]?.rules?.[0]).toMatchObject({ resources: ['clustertopologybindings'], scope: 'Cluster' });
  });

  it('fences a test registration in with a name suffix and selectors', () => {
    const scoped = webhookConfigurations({
      endpoint: { kind: 'url', url: 'https://127.0.0.1:1' },
      caPem,
      nameSuffix: '-t1',
      namespaceSelector: { matchLabels: { run: 't1' } },
      objectSelector: { matchLabels: { run: 't1' } },
    });
    expect(scoped.mutating[0]?.metadata?.name).toBe('podcliqueset-defaulting-webhook-t1');
    expect(scoped.mutating[0]?.webhooks?.[0]?.namespaceSelector).toEqual({ matchLabels: { run: 't1' } });
    expect(scoped.validating[0]?.webhooks?.[0]?.objectSelector).toBeUndefined();
    expect(scoped.validating[1]?.webhooks?.[0]?.namespaceSelector).toBeUndefined();
    expect(scoped.validating[1]?.webhooks?.[0]?.objectSelector).toEqual({ matchLabels: { run: 't1' } });
  });
});

describe('servingSpec', () => {
  it('names the URL host, as an IP or a DNS name', () => {
    expect(servingSpec({ kind: 'url', url: 'https://127.0.0.1:9443' })).toMatchObject({ ips: ['127.0.0.1'], dnsNames: [] });
    expect(servingSpec({ kind: 'url', url: 'https://localhost:9443' })).toMatchObject({ ips: [], dnsNames: ['localhost'] });
  });

  it('names every form of the Service DNS name (grove-spec §9.2)', () => {
    expect(servingSpec({ kind: 'service', namespace: 'grove', name: 'grove-operator', port: 443 })).toMatchObject({
      caCommonName: 'Grove-CA',
      organization: 'Grove',
      dnsNames: ['grove-operator.grove.svc', 'grove-operator', 'grove-operator.grove', 'grove-operator.grove.svc.cluster.local'],
    });
  });
});
