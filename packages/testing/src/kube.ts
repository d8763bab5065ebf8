/** Kubernetes clients for tests, built from the kubeconfig the global setup provides. */
import { KubeConfig } from '@kubernetes/client-node';
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
