/** Waiting for a PodCliqueSet's workload, and reading what the controllers made of it. */
import type { V1Pod } from '@kubernetes/client-node';
import { LABEL, PodCliqueGVK, PodCliqueScalingGroupGVK, PodGangGVK } from '@grove/api';
import { expect } from 'vitest';
import { eventuallyUnlessDenied, type GroveEnv } from './grove-suite.js';
import { isRunningAndReady, podName, podsOfPcs, sortedNames } from './kube.js';

/** Generous: pods are created, ungated, scheduled and started by KWOK on 2 busy cores. */
export const WORKLOAD_TIMEOUT_MS = 90_000;

/** Waits until PodCliqueSet `pcs` has exactly `count` pods, all Running and Ready; returns them. */
export async function waitForReadyPods(env: GroveEnv, pcs: string, count: number, timeoutMs = WORKLOAD_TIMEOUT_MS): Promise<V1Pod[]> {
  return eventuallyUnlessDenied(
    env,
    `${count} Ready pods of ${pcs}`,
    async () => {
      const pods = (await podsOfPcs(env.kc, env.namespace, pcs)).filter((p) => !p.metadata?.deletionTimestamp);
      const notReady = pods.filter((p) => !isRunningAndReady(p)).map((p) => `${podName(p)}(${p.status?.phase ?? '?'})`);
      expect(pods.length, `pods of ${pcs} (not ready: ${notReady.join(', ')})`).toBe(count);
      expect(notReady, `pods of ${pcs} not Running and Ready`).toEqual([]);
      return pods;
    },
    { timeoutMs, intervalMs: 1_000 },
  );
}

/** Names of the PodCliques, PCSGs and PodGangs of `pcs` (by `app.kubernetes.io/part-of`), sorted. */
export async function groveChildren(env: GroveEnv, pcs: string): Promise<{ podCliques: string[]; scalingGroups: string[]; podGangs: string[] }> {
  const options = { namespace: env.namespace, labelSelector: `${LABEL.partOf}=${pcs}` };
  const [podCliques, scalingGroups, podGangs] = await Promise.all([
    env.grove.list(PodCliqueGVK, options),
    env.grove.list(PodCliqueScalingGroupGVK, options),
    env.grove.list(PodGangGVK, options),
  ]);
  return {
    podCliques: sortedNames(podCliques.items),
    scalingGroups: sortedNames(scalingGroups.items),
    podGangs: sortedNames(podGangs.items),
  };
}

/** Pod names grouped by their `grove.io/podclique` label. */
export function podsByClique(pods: readonly V1Pod[]): Map<string, V1Pod[]> {
  const byClique = new Map<string, V1Pod[]>();
  for (const pod of pods) {
    const pclq = pod.metadata?.labels?.[LABEL.podClique] ?? '<none>';
    byClique.set(pclq, [...(byClique.get(pclq) ?? []), pod]);
  }
  return byClique;
}
