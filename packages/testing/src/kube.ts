/** Kubernetes clients for tests, built from the kubeconfig the global setup provides. */
import { chmodSync, writeFileSync } from 'node:fs';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { inject } from 'vitest';

/** The admin KubeConfig of the test run's cluster. */
export function adminKubeConfig(): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromFile(inject('kubeconfig'));
  return kc;
}

/** A KubeConfig that authenticates with a bearer token (e.g. a ServiceAccount's) against the same server. */
export function tokenKubeConfig(admin: KubeConfig, token: string, user = 'token-user'): KubeConfig {
  const cluster = admin.getCurrentCluster();
  if (!cluster) throw new Error('admin kubeconfig has no current cluster');
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [cluster],
    users: [{ name: user, token }],
    contexts: [{ name: 'token', cluster: cluster.name, user }],
    currentContext: 'token',
  });
  return kc;
}

/**
 * A kubeconfig file at `file` that authenticates as ServiceAccount `namespace/serviceAccount` with a
 * one-hour bound token from the TokenRequest API (the ServiceAccount must exist). Returns `file`.
 */
export async function serviceAccountKubeconfig(admin: KubeConfig, namespace: string, serviceAccount: string, file: string): Promise<string> {
  const request = await admin.makeApiClient(CoreV1Api).createNamespacedServiceAccountToken({
    namespace,
    name: serviceAccount,
    body: { spec: { audiences: [], expirationSeconds: 3600 } },
  });
  const token = request.status?.token;
  if (!token) throw new Error(`TokenRequest for ${namespace}/${serviceAccount} returned no token`);
  const user = `system:serviceaccount:${namespace}:${serviceAccount}`;
  writeFileSync(file, tokenKubeConfig(admin, token, user).exportConfig(), { mode: 0o600 });
  chmodSync(file, 0o600);
  return file;
}
