/** Renders kubeconfig files with embedded certificates, so a copied file keeps working. Pure. */
import { stringify } from 'yaml';

export interface KubeconfigSpec {
  readonly server: string;
  readonly caPem: string;
  readonly clientCertPem: string;
  readonly clientKeyPem: string;
  readonly user: string;
  /** Context and cluster name. */
  readonly name?: string;
}

const b64 = (pem: string) => Buffer.from(pem).toString('base64');

export function renderKubeconfig(spec: KubeconfigSpec): string {
  const name = spec.name ?? 'grove-local';
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name, cluster: { server: spec.server, 'certificate-authority-data': b64(spec.caPem) } }],
    users: [
      {
        name: spec.user,
        user: { 'client-certificate-data': b64(spec.clientCertPem), 'client-key-data': b64(spec.clientKeyPem) },
      },
    ],
    contexts: [{ name, context: { cluster: name, user: spec.user } }],
    'current-context': name,
  });
}
