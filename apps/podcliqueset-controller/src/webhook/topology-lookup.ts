/** Reads the levels of a ClusterTopologyBinding for the PodCliqueSet validation (grove-spec §8). */
import { ClusterTopologyBindingGVK, createGroveClient, isNotFound, type TopologyLevel } from '@grove/api';
import type { KubeConfig } from '@kubernetes/client-node';

function aborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    const onAbort = () => reject(new Error('ClusterTopologyBinding lookup was cut off by the admission deadline'));
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** `undefined` when no binding has that name; rejects on any other failure or when `signal` aborts. */
export function topologyLookup(kc: KubeConfig): (name: string, signal: AbortSignal) => Promise<readonly TopologyLevel[] | undefined> {
  const client = createGroveClient(kc);
  return async (name, signal) => {
    try {
      const binding = await Promise.race([client.get(ClusterTopologyBindingGVK, { name }), aborted(signal)]);
      return binding.spec.levels;
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  };
}
