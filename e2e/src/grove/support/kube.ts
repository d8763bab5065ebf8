/** Small read helpers over the real API server for the Grove scenarios. */
import { ApiException, CoreV1Api, type KubeConfig, type V1Pod } from '@kubernetes/client-node';
import { isNotFound, LABEL, type PodGang } from '@grove/api';

export async function exists(read: () => Promise<unknown>): Promise<boolean> {
  try {
    await read();
    return true;
  } catch (err) {
    // client-node's ApiException (core/v1, rbac) or the typed Grove client's ApiError.
    if ((err instanceof ApiException && err.code === 404) || isNotFound(err)) return false;
    throw err;
  }
}

export function podName(pod: V1Pod): string {
  return pod.metadata?.name ?? '';
}

export function isRunningAndReady(pod: V1Pod): boolean {
  const ready = pod.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
  return pod.status?.phase === 'Running' && ready && !pod.metadata?.deletionTimestamp;
}

/** Pods of `namespace` matching `labelSelector` (all of them, however many pages). */
export async function listPods(kc: KubeConfig, namespace: string, labelSelector: string): Promise<V1Pod[]> {
  const core = kc.makeApiClient(CoreV1Api);
  const pods: V1Pod[] = [];
  let token: string | undefined;
  do {
    const page = await core.listNamespacedPod({ namespace, labelSelector, limit: 500, ...(token ? { _continue: token } : {}) });
    pods.push(...page.items);
    token = page.metadata?._continue;
  } while (token);
  return pods;
}

/** The pods of PodCliqueSet `pcs` (by `app.kubernetes.io/part-of`). */
export function podsOfPcs(kc: KubeConfig, namespace: string, pcs: string): Promise<V1Pod[]> {
  return listPods(kc, namespace, `${LABEL.partOf}=${pcs}`);
}

export function label(pod: { metadata?: { labels?: Record<string, string> | undefined } | undefined }, key: string): string | undefined {
  return pod.metadata?.labels?.[key];
}

export function sortedNames(items: readonly { metadata?: { name?: string | undefined } | undefined }[]): string[] {
  return items.map((item) => item.metadata?.name ?? '').sort();
}

export function podGangInitialized(gang: PodGang): string | undefined {
  return gang.status?.conditions?.find((c) => c.type === 'Initialized')?.status;
}

/** `grove.io/podclique=<pclq>`: how Grove selects the pods of a PodClique. */
export function podCliqueSelector(pclq: string): string {
  return `${LABEL.podClique}=${pclq}`;
}
