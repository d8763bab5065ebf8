/* eslint-disable @nx/enforce-module-boundaries -- the example imports the SDK by its public name, as an app does */
/**
 * The example of docs/sdk.md: a controller that keeps the annotation `example.grove.io/keys` of every
 * ConfigMap labelled `example.grove.io/count=true` equal to its number of data keys.
 */
import { CoreV1Api, type KubeConfig, type V1ConfigMap } from '@kubernetes/client-node';
import { done, fail, keyString, toObjectKeys } from '@grove/watch-sdk/controller';
import type { Manager } from '@grove/watch-sdk/manager';

const CONFIGMAPS = { group: '', version: 'v1', plural: 'configmaps', namespaced: true };
const ANNOTATION = 'example.grove.io/keys';

export function addKeyCounter(manager: Manager, kubeConfig: KubeConfig): void {
  const core = kubeConfig.makeApiClient(CoreV1Api);
  // Shared: any other controller asking for the same kind and selector gets this informer.
  const configMaps = manager.informers.informer<V1ConfigMap>(CONFIGMAPS, { labelSelector: 'example.grove.io/count=true' });
  manager.addController({
    name: 'key-counter',
    workers: 2,
    // Level-triggered: every event becomes the ConfigMap's key; the reconcile reads the cache.
    watches: () => [configMaps.events$().pipe(toObjectKeys())],
    reconcile: async (key, { logger }) => {
      const cm = configMaps.store.get(keyString(key));
      if (cm === undefined) return done(); // deleted: nothing to keep in shape
      const want = String(Object.keys(cm.data ?? {}).length);
      if (cm.metadata?.annotations?.[ANNOTATION] === want) return done();
      const metadata = { ...cm.metadata, annotations: { ...cm.metadata?.annotations, [ANNOTATION]: want } };
      try {
        // At the cached resourceVersion: a stale cache ends in a conflict and a retry, never a lost update.
        await core.replaceNamespacedConfigMap({ namespace: key.namespace ?? '', name: key.name, body: { ...cm, metadata } });
      } catch (err) {
        return fail(new Error('update failed', { cause: err }));
      }
      logger.info({ keys: want }, 'annotated');
      return done();
    },
  });
}
