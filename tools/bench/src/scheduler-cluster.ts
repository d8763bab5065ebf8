/**
 * The benchmark's private cluster (own state folder in the temp dir, port base 18740; the shared
 * cluster on 16440 is never touched) and the writes the benchmark makes to it: CRDs, namespace,
 * pods and PodGangs in bulk, and deleting them again.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ApiException, CoreV1Api, CustomObjectsApi, KubeConfig, type V1Pod } from '@kubernetes/client-node';
import { down, parseCommand, REPO_ROOT, silentProgress, TOPOLOGY_LABELS, up, type ClusterInfo, type ClusterOptions } from '@grove/cluster';
import { PodGangGVK, type PodGang } from '@grove/api';
import { GPU } from './scheduler-manifests.js';
import { nodeCount, type ClusterShape } from './scheduler-options.js';
import type { NodeTopology } from './scheduler-quality.js';

export interface PrivateCluster {
  readonly info: ClusterInfo;
  readonly options: ClusterOptions;
  readonly kc: KubeConfig;
}

/** Cluster flags for the shape; one zone, kube-scheduler off (the benchmark runs its own). Pure. */
export function clusterArgs(shape: ClusterShape, portBase: number): string[] {
  return [
    'up',
    '--nodes', String(nodeCount(shape)),
    '--gpus-per-node', String(shape.gpusPerNode),
    '--cpu-per-node', String(shape.cpuPerNode),
    '--memory-per-node', shape.memoryPerNode,
    '--hosts-per-rack', String(shape.hostsPerRack),
    '--racks-per-block', String(shape.racksPerBlock),
    '--blocks-per-zone', String(shape.blocks),
    '--port-base', String(portBase),
    '--no-scheduler',
  ];
}

export async function startPrivateCluster(shape: ClusterShape, portBase: number): Promise<PrivateCluster> {
  const stateDir = mkdtempSync(join(tmpdir(), 'grove-bench-scheduler-'));
  const parsed = parseCommand(clusterArgs(shape, portBase), { ...process.env, GROVE_CLUSTER_DIR: stateDir });
  const options: ClusterOptions = { ...parsed.options, progress: silentProgress };
  const info = await up(options);
  const kubectl = join(info.binDir, 'kubectl');
  execFileSync(kubectl, ['--kubeconfig', info.kubeconfig, 'apply', '--server-side', '-f', join(REPO_ROOT, 'packages', 'api', 'crds')], { stdio: 'ignore' });
  execFileSync(kubectl, ['--kubeconfig', info.kubeconfig, 'wait', '--for=condition=Established', 'crd', '--all', '--timeout=60s'], { stdio: 'ignore' });
  const kc = new KubeConfig();
  kc.loadFromFile(info.kubeconfig);
  return { info, options, kc };
}

export function stopPrivateCluster(cluster: Pick<PrivateCluster, 'options'>, purge: boolean): Promise<void> {
  return down(cluster.options, purge);
}

/** Creates the namespace and waits for its `default` ServiceAccount (pods are refused before it). */
export async function ensureNamespace(kc: KubeConfig, namespace: string): Promise<void> {
  const core = kc.makeApiClient(CoreV1Api);
  await core.createNamespace({ body: { metadata: { name: namespace } } });
  for (let i = 0; i < 600; i++) {
    try {
      await core.readNamespacedServiceAccount({ namespace, name: 'default' });
      return;
    } catch {
      await sleep(100);
    }
  }
  throw new Error(`namespace ${namespace}: no default ServiceAccount after 60 s`);
}

export async function nodeTopology(kc: KubeConfig): Promise<NodeTopology[]> {
  const nodes = await kc.makeApiClient(CoreV1Api).listNode({ labelSelector: TOPOLOGY_LABELS.rack });
  return nodes.items.map((n) => ({
    name: n.metadata?.name ?? '',
    block: n.metadata?.labels?.[TOPOLOGY_LABELS.block] ?? '',
    rack: n.metadata?.labels?.[TOPOLOGY_LABELS.rack] ?? '',
    gpus: Number(n.status?.allocatable?.[GPU] ?? 0),
  }));
}

/** Retries what the API server pushes back (429 from priority and fairness, 5xx). */
async function withRetry<T>(write: () => Promise<T>, what: string): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (err) {
      const code = err instanceof ApiException ? err.code : 0;
      if (attempt >= 10 || !(code === 429 || code >= 500)) throw new Error(`${what} failed (HTTP ${code})`, { cause: err });
      await sleep(200 * attempt);
    }
  }
}

async function inParallel<T>(items: readonly T[], writers: number, write: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: writers }, async () => {
      for (let i = next++; i < items.length; i = next++) await write(items[i] as T);
    }),
  );
}

export const WRITERS = 32;

export async function createPods(kc: KubeConfig, pods: readonly V1Pod[]): Promise<void> {
  const core = kc.makeApiClient(CoreV1Api);
  await inParallel(pods, WRITERS, (pod) =>
    withRetry(() => core.createNamespacedPod({ namespace: pod.metadata?.namespace ?? '', body: pod }), `creating pod ${pod.metadata?.name}`).then(() => undefined),
  );
}

export async function createPodGangs(kc: KubeConfig, gangs: readonly PodGang[]): Promise<void> {
  const custom = kc.makeApiClient(CustomObjectsApi);
  const { group, version, plural } = PodGangGVK;
  await inParallel(gangs, WRITERS, (gang) =>
    withRetry(
      () => custom.createNamespacedCustomObject({ group, version, plural, namespace: gang.metadata.namespace ?? '', body: gang }),
      `creating PodGang ${gang.metadata.name}`,
    ).then(() => undefined),
  );
}

/** Deletes the named pods and PodGangs (grace 0) and waits until none of them is left. */
export async function deleteNamed(kc: KubeConfig, namespace: string, pods: readonly string[], gangs: readonly string[]): Promise<void> {
  const core = kc.makeApiClient(CoreV1Api);
  const custom = kc.makeApiClient(CustomObjectsApi);
  const { group, version, plural } = PodGangGVK;
  const gone = (err: unknown) => {
    if (!(err instanceof ApiException && err.code === 404)) throw err;
  };
  await inParallel(gangs, WRITERS, (name) => custom.deleteNamespacedCustomObject({ group, version, plural, namespace, name }).then(() => undefined, gone));
  await inParallel(pods, WRITERS, (name) => core.deleteNamespacedPod({ namespace, name, gracePeriodSeconds: 0 }).then(() => undefined, gone));
  const wanted = new Set(pods);
  const left = async () => (await core.listNamespacedPod({ namespace })).items.filter((p) => wanted.has(p.metadata?.name ?? '')).length;
  await waitUntil(async () => (await left()) === 0, `deleted pods to go from ${namespace}`);
}

/**
 * Deletes every pod and PodGang of the namespace (grace 0) and waits until none is left. One
 * request per object from {@link WRITERS} writers: a delete-collection runs on the API server's
 * single delete-collection worker by default and takes minutes for 10,000 pods.
 */
export async function deleteAll(kc: KubeConfig, namespace: string): Promise<void> {
  const core = kc.makeApiClient(CoreV1Api);
  const custom = kc.makeApiClient(CustomObjectsApi);
  const { group, version, plural } = PodGangGVK;
  // The API server answers 429 "storage is (re)initializing" for a while after a CRD's first use.
  const gangs = (await withRetry(() => custom.listNamespacedCustomObject({ group, version, plural, namespace }), `listing PodGangs of ${namespace}`)) as { items?: PodGang[] };
  const pods = await withRetry(() => core.listNamespacedPod({ namespace }), `listing pods of ${namespace}`);
  await deleteNamed(kc, namespace, pods.items.map((p) => p.metadata?.name ?? ''), (gangs.items ?? []).map((g) => g.metadata.name ?? ''));
}

async function waitUntil(check: () => Promise<boolean>, what: string, timeoutMs = 300_000): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await sleep(500);
  }
}
