/**
 * For the podgang-scheduler scenarios: workloads whose pods each take a whole dedicated KWOK node's
 * GPUs (so "how many nodes are open" decides exactly how many pods fit), node cordoning, and what the
 * scheduler made of a PodGang (bound pods, the `Scheduled` condition).
 */
import { LABEL, PodGangGVK, type PodGang } from '@grove/api';
import type { DedicatedNodes } from '@grove/testing';
import { PatchStrategy, setHeaderOptions, type CoreV1Api, type V1Pod, type V1PodSpec } from '@kubernetes/client-node';
import { expect } from 'vitest';
import { eventuallyUnlessDenied, type GroveEnv } from './grove-suite.js';
import { label, listPods, podName, podsOfPcs } from './kube.js';

export const GPU = 'nvidia.com/gpu';
/** Dedicated nodes have 8 GPUs (`createDedicatedNodes`). */
export const GPUS_PER_NODE = 8;
/** Scheduling is fast; binding, KWOK starting the pods and the controllers' status writes on 2 busy cores are not. */
export const SCHEDULE_TIMEOUT_MS = 90_000;

/** A pod spec pinned to the dedicated pool, asking for `gpus` GPUs (extended resources need limits = requests). */
export function gpuPodSpec(nodes: DedicatedNodes, gpus = GPUS_PER_NODE): V1PodSpec {
  const amount = { [GPU]: String(gpus) };
  return {
    ...nodes.podPlacement,
    containers: [{ name: 'model', image: 'registry.local/model:1', resources: { requests: amount, limits: amount } }],
  };
}

/** Cordons (`true`) or uncordons the named nodes. */
export async function setUnschedulable(core: CoreV1Api, names: readonly string[], unschedulable: boolean): Promise<void> {
  await Promise.all(
    names.map((name) => core.patchNode({ name, body: { spec: { unschedulable } } }, setHeaderOptions('Content-Type', PatchStrategy.MergePatch))),
  );
}

export function isBound(pod: V1Pod): boolean {
  return Boolean(pod.spec?.nodeName) && !pod.metadata?.deletionTimestamp;
}

/** Live pods of `pcs` that are bound to a node, by name. */
export async function boundPods(env: GroveEnv, pcs: string): Promise<V1Pod[]> {
  return (await podsOfPcs(env.kc, env.namespace, pcs)).filter(isBound);
}

/** The pods of one PodGang (label `grove.io/podgang`). */
export function podsOfGang(env: GroveEnv, gang: string): Promise<V1Pod[]> {
  return listPods(env.kc, env.namespace, `${LABEL.podGang}=${gang}`);
}

export function scheduledCondition(gang: PodGang): { status?: string; reason?: string; message?: string } | undefined {
  return gang.status?.conditions?.find((c) => c.type === 'Scheduled');
}

/**
 * Waits until the scheduler has tried PodGang `name` and found no room (`Scheduled=False`); returns
 * the condition. After that, "no pod bound" is an outcome, not a race with the first attempt.
 */
export async function waitUnschedulable(env: GroveEnv, name: string): Promise<{ reason?: string; message?: string }> {
  return eventuallyUnlessDenied(
    env,
    `PodGang ${name} Scheduled=False`,
    async () => {
      const gang = await env.grove.get(PodGangGVK, { namespace: env.namespace, name });
      const condition = scheduledCondition(gang);
      expect(condition?.status, `PodGang ${name} Scheduled condition (${JSON.stringify(gang.status ?? {})})`).toBe('False');
      return condition ?? {};
    },
    { timeoutMs: SCHEDULE_TIMEOUT_MS, intervalMs: 1_000 },
  );
}

/** Waits until PodGang `name` is `Scheduled=True` (written once its minimum is bound); returns it. */
export async function waitScheduled(env: GroveEnv, name: string): Promise<PodGang> {
  return eventuallyUnlessDenied(
    env,
    `PodGang ${name} Scheduled=True`,
    async () => {
      const gang = await env.grove.get(PodGangGVK, { namespace: env.namespace, name });
      expect(scheduledCondition(gang)?.status, `PodGang ${name} Scheduled condition (${JSON.stringify(gang.status ?? {})})`).toBe('True');
      return gang;
    },
    { timeoutMs: SCHEDULE_TIMEOUT_MS, intervalMs: 1_000 },
  );
}

/** Waits until exactly `count` pods of `pcs` are bound; returns them. */
export async function waitBound(env: GroveEnv, pcs: string, count: number): Promise<V1Pod[]> {
  return eventuallyUnlessDenied(
    env,
    `${count} bound pods of ${pcs}`,
    async () => {
      const bound = await boundPods(env, pcs);
      expect(bound.length, `bound pods of ${pcs}: ${bound.map(podName).join(', ')}`).toBe(count);
      return bound;
    },
    { timeoutMs: SCHEDULE_TIMEOUT_MS, intervalMs: 1_000 },
  );
}

/** How many bound pods each PodClique has. */
export function boundPerClique(pods: readonly V1Pod[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const pod of pods.filter(isBound)) {
    const pclq = label(pod, LABEL.podClique) ?? '<none>';
    counts[pclq] = (counts[pclq] ?? 0) + 1;
  }
  return counts;
}

/** The values of node label `key` of the nodes the pods are bound to. */
export function nodeLabelValues(pods: readonly V1Pod[], nodeLabels: ReadonlyMap<string, Record<string, string>>, key: string): string[] {
  return [...new Set(pods.map((p) => nodeLabels.get(p.spec?.nodeName ?? '')?.[key] ?? `<no ${key}>`))].sort();
}
