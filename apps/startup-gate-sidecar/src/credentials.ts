/**
 * The gate's API credentials, the way every Kubernetes client finds them (`loadFromDefault`):
 * `$KUBECONFIG` when set (tests), otherwise the in-cluster service-account token, which the
 * operator replaces with the PodCliqueSet's token Secret (grove-spec §5). client-node is imported
 * here, lazily, so a usage error never pays for loading it.
 */
import { access, constants } from 'node:fs/promises';
import { join } from 'node:path';
import type { KubeConfig } from '@kubernetes/client-node';
import { INIT_CONTAINER } from '@grove/planning';
import type { Env } from '@grove/watch-sdk';

/** No usable credentials; the message names what is missing. */
export class CredentialsError extends Error {
  override readonly name = 'CredentialsError';
  readonly code = 'ERR_CREDENTIALS';
}

/** In a pod, the token must be mounted: without it every request would fail and be retried for ever. */
async function assertTokenMounted(env: Env): Promise<void> {
  if (env['KUBECONFIG'] || !env['KUBERNETES_SERVICE_HOST']) return;
  const token = join(INIT_CONTAINER.serviceAccountTokenMountPath, 'token');
  try {
    await access(token, constants.R_OK);
  } catch (cause) {
    throw new CredentialsError(`cannot read the service-account token ${token}`, { cause });
  }
}

export async function loadCredentials(env: Env): Promise<KubeConfig> {
  await assertTokenMounted(env);
  const { KubeConfig } = await import('./kubeconfig-loader.js');
  const kubeConfig = new KubeConfig();
  try {
    kubeConfig.loadFromDefault();
  } catch (cause) {
    throw new CredentialsError('cannot load a kubeconfig or in-cluster configuration', { cause });
  }
  if (kubeConfig.getCurrentCluster() === null) throw new CredentialsError('the kubeconfig has no current cluster');
  return kubeConfig;
}
