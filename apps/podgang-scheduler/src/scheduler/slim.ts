/**
 * Informer transforms: the scheduler watches every pod and node of the cluster, so it keeps only
 * the fields it reads (memory grows with the cluster, not with what the objects carry). Pods of
 * other schedulers keep what booking their capacity needs; ours also keep what placement reads.
 */
import type { V1Container, V1Node, V1NodeSpec, V1NodeStatus, V1ObjectMeta, V1Pod, V1PodSpec, V1PodStatus } from '@kubernetes/client-node';
import { LABEL } from '@grove/api';
import { Compactor, type Transform } from '@grove/watch-sdk/informer';

const KEPT_LABELS = [LABEL.podGang, LABEL.podClique] as const;
const KEPT_POD_CONDITIONS = new Set(['PodScheduled', 'Ready']);

function keptLabels(labels: Record<string, string> | undefined): Record<string, string> | undefined {
  if (labels === undefined) return undefined;
  const kept: Record<string, string> = {};
  for (const key of KEPT_LABELS) if (labels[key] !== undefined) kept[key] = labels[key];
  return Object.keys(kept).length === 0 ? undefined : kept;
}

function slimContainer(container: V1Container, ours: boolean): V1Container {
  const requests = container.resources?.requests;
  const hostPorts = ours ? container.ports?.filter((p) => (p.hostPort ?? 0) > 0) : undefined;
  return defined<V1Container>({
    name: container.name,
    resources: requests && { requests },
    restartPolicy: container.restartPolicy,
    ports: hostPorts && hostPorts.length > 0 ? hostPorts : undefined,
  });
}

/** The record without its undefined values (a cached object should not carry empty slots). */
function defined<T extends object>(record: { [K in keyof T]?: T[K] | undefined }): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) if (value !== undefined) out[key] = value;
  return out as T;
}

export function slimPod(pod: V1Pod, schedulerName: string): V1Pod {
  const { metadata = {}, spec, status } = pod;
  const ours = spec?.schedulerName === schedulerName;
  return {
    metadata: defined<V1ObjectMeta>({
      name: metadata.name,
      namespace: metadata.namespace,
      uid: metadata.uid,
      resourceVersion: metadata.resourceVersion,
      creationTimestamp: metadata.creationTimestamp,
      deletionTimestamp: metadata.deletionTimestamp,
      labels: keptLabels(metadata.labels),
    }),
    spec: defined<V1PodSpec>({
      schedulerName: spec?.schedulerName,
      nodeName: spec?.nodeName,
      containers: (spec?.containers ?? []).map((c) => slimContainer(c, ours)),
      initContainers: spec?.initContainers?.map((c) => slimContainer(c, ours)),
      overhead: spec?.overhead,
      ...(ours && {
        schedulingGates: spec?.schedulingGates,
        nodeSelector: spec?.nodeSelector,
        affinity: spec?.affinity,
        tolerations: spec?.tolerations,
        topologySpreadConstraints: spec?.topologySpreadConstraints,
        resourceClaims: spec?.resourceClaims,
        priorityClassName: spec?.priorityClassName,
        priority: spec?.priority,
      }),
    }),
    status: defined<V1PodStatus>({
      phase: status?.phase,
      conditions: ours ? status?.conditions?.filter((c) => KEPT_POD_CONDITIONS.has(c.type)) : undefined,
    }),
  };
}

export function slimNode(node: V1Node): V1Node {
  const { metadata = {}, spec, status } = node;
  return {
    metadata: defined<V1ObjectMeta>({ name: metadata.name, uid: metadata.uid, resourceVersion: metadata.resourceVersion, labels: metadata.labels }),
    spec: defined<V1NodeSpec>({ unschedulable: spec?.unschedulable, taints: spec?.taints }),
    status: defined<V1NodeStatus>({
      allocatable: status?.allocatable,
      conditions: (status?.conditions ?? []).filter((c) => c.type === 'Ready').map((c) => ({ type: c.type, status: c.status })),
    }),
  };
}

/** Transforms for the informers (one compactor each: shared strings across the kind's objects). */
export function podTransform(schedulerName: string): Transform<V1Pod> {
  const compactor = new Compactor();
  return (pod) => compactor.compact(slimPod(pod, schedulerName));
}

export function nodeTransform(): Transform<V1Node> {
  const compactor = new Compactor();
  return (node) => compactor.compact(slimNode(node));
}
