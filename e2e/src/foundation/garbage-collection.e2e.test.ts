/** kube-controller-manager's garbage collector deletes dependents of a deleted owner. */
import { ApiException, CoreV1Api } from '@kubernetes/client-node';
import { adminKubeConfig, eventually, useTestNamespace } from '@grove/testing';
import { describe, expect, it } from 'vitest';

const kc = adminKubeConfig();
const core = kc.makeApiClient(CoreV1Api);

async function exists(read: () => Promise<unknown>): Promise<boolean> {
  try {
    await read();
    return true;
  } catch (err) {
    if (err instanceof ApiException && err.code === 404) return false;
    throw err;
  }
}

describe('garbage collection', () => {
  const ns = useTestNamespace(() => kc, 'gc');

  it('deletes a dependent when its owner is deleted, and keeps an unowned neighbour', async () => {
    const owner = await core.createNamespacedConfigMap({ namespace: ns(), body: { metadata: { name: 'owner' } } });
    const ownerReferences = [
      { apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: owner.metadata?.uid as string, controller: true },
    ];
    await core.createNamespacedSecret({ namespace: ns(), body: { metadata: { name: 'dependent', ownerReferences } } });
    await core.createNamespacedSecret({ namespace: ns(), body: { metadata: { name: 'neighbour' } } });

    await core.deleteNamespacedConfigMap({ namespace: ns(), name: 'owner', propagationPolicy: 'Background' });

    await eventually(async () => {
      expect(await exists(() => core.readNamespacedSecret({ namespace: ns(), name: 'dependent' }))).toBe(false);
    });
    expect(await exists(() => core.readNamespacedSecret({ namespace: ns(), name: 'neighbour' }))).toBe(true);
  });

  it('creates the default ServiceAccount and root CA ConfigMap in a new namespace', async () => {
    await eventually(async () => {
      await core.readNamespacedServiceAccount({ namespace: ns(), name: 'default' });
      const ca = await core.readNamespacedConfigMap({ namespace: ns(), name: 'kube-root-ca.crt' });
      expect(ca.data?.['ca.crt']).toContain('BEGIN CERTIFICATE');
    });
  });
});
