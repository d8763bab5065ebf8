/** Fixture builders for the scheduler's unit and integration tests (pods, nodes, PodGangs). */
import type { V1Node, V1Pod, V1Taint, V1Toleration } from '@kubernetes/client-node';
import { LABEL, SCHEDULING_GATE, type PodGang, type PodGangPackConstraint } from '@grove/api';

export interface PodOptions {
  readonly namespace?: string;
  readonly scheduler?: string;
  readonly gang?: string;
  readonly clique?: string;
  readonly node?: string;
  readonly gated?: boolean;
  readonly requests?: Record<string, string>;
  readonly phase?: string;
  readonly uid?: string;
  readonly nodeSelector?: Record<string, string>;
  readonly tolerations?: V1Toleration[];
  readonly priorityClassName?: string;
  readonly created?: string;
}

export function aPod(name: string, o: PodOptions = {}): V1Pod {
  const labels = { ...(o.gang && { [LABEL.podGang]: o.gang }), ...(o.clique && { [LABEL.podClique]: o.clique }) };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: o.namespace ?? 'ns',
      uid: o.uid ?? `uid-${name}`,
      labels,
      creationTimestamp: (o.created ?? '2026-01-01T00:00:00Z') as unknown as Date,
    },
    spec: {
      schedulerName: o.scheduler ?? 'gang',
      ...(o.node && { nodeName: o.node }),
      ...(o.gated && { schedulingGates: [{ name: SCHEDULING_GATE.podGangPendingCreation }] }),
      ...(o.nodeSelector && { nodeSelector: o.nodeSelector }),
      ...(o.tolerations && { tolerations: o.tolerations }),
      ...(o.priorityClassName && { priorityClassName: o.priorityClassName }),
      containers: [{ name: 'main', image: 'busybox', resources: { requests: o.requests ?? { cpu: '1', 'nvidia.com/gpu': '1' } } }],
    },
    status: { phase: o.phase ?? 'Pending' },
  };
}

export interface NodeOptions {
  readonly gpu?: number;
  readonly cpu?: string;
  readonly labels?: Record<string, string>;
  readonly unschedulable?: boolean;
  readonly ready?: boolean;
  readonly taints?: V1Taint[];
}

export function aNode(name: string, o: NodeOptions = {}): V1Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...o.labels }, resourceVersion: '1' },
    spec: { ...(o.unschedulable !== undefined && { unschedulable: o.unschedulable }), ...(o.taints && { taints: o.taints }) },
    status: {
      allocatable: { cpu: o.cpu ?? '32', memory: '256Gi', pods: '110', 'nvidia.com/gpu': String(o.gpu ?? 8) },
      conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True' }],
    },
  };
}

export interface GroupSpec {
  readonly name: string;
  readonly min: number;
  /** Pod names referenced by the group. */
  readonly pods?: readonly string[];
  readonly pack?: PodGangPackConstraint;
}

export interface GangOptions {
  readonly namespace?: string;
  readonly pack?: PodGangPackConstraint;
  readonly priorityClassName?: string;
  readonly created?: string;
  readonly groupConfigs?: { name: string; podGroupNames: string[]; pack: PodGangPackConstraint }[];
  readonly labels?: Record<string, string>;
}

export function aPodGang(name: string, groups: readonly GroupSpec[], o: GangOptions = {}): PodGang {
  const namespace = o.namespace ?? 'ns';
  return {
    apiVersion: 'scheduler.grove.io/v1alpha1',
    kind: 'PodGang',
    metadata: { name, namespace, uid: `uid-${name}`, generation: 1, creationTimestamp: (o.created ?? '2026-01-01T00:00:00Z') as unknown as Date, ...(o.labels && { labels: o.labels }) },
    spec: {
      podgroups: groups.map((g) => ({
        name: g.name,
        minReplicas: g.min,
        podReferences: (g.pods ?? []).map((pod) => ({ namespace, name: pod })),
        ...(g.pack && { topologyConstraint: { packConstraint: g.pack } }),
      })),
      ...(o.pack && { topologyConstraint: { packConstraint: o.pack } }),
      ...(o.groupConfigs && { topologyConstraintGroupConfigs: o.groupConfigs.map((c) => ({ name: c.name, podGroupNames: c.podGroupNames, topologyConstraint: { packConstraint: c.pack } })) }),
      ...(o.priorityClassName && { priorityClassName: o.priorityClassName }),
    },
  };
}

/** `count` pods `<prefix>-<i>` of a gang's group. */
export function gangPods(prefix: string, count: number, o: PodOptions & { gang: string; clique: string }): V1Pod[] {
  return Array.from({ length: count }, (_, i) => aPod(`${prefix}-${i}`, o));
}
