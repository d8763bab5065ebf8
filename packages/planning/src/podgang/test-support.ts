/**
 * Builders for the PodGang tests: live pods, PodCliques, PodCliqueScalingGroups and PodGangs as
 * the reconcilers' caches would hold them, with only the fields these decisions read.
 */
import { LABEL, SCHEDULING_GATE, type PodClique, type PodCliqueScalingGroup, type PodCliqueSet, type PodGang, type PodGroup } from '@grove/api';
import type { V1Pod } from '@kubernetes/client-node';
import type { GangWorld } from './world.js';

export const DELETED_AT = new Date('2026-01-01T00:00:00Z');

export interface PodOptions {
  /** `grove.io/podgang`; omitted when undefined. */
  readonly gang?: string;
  readonly gated?: boolean;
  readonly terminating?: boolean;
  /** Other controllers' scheduling gates, placed around Grove's. */
  readonly otherGates?: readonly string[];
}

export function aPod(name: string, podClique: string, options: PodOptions = {}): V1Pod {
  const gates = [...(options.otherGates ?? [])];
  if (options.gated === true) gates.splice(Math.min(1, gates.length), 0, SCHEDULING_GATE.podGangPendingCreation);
  return {
    metadata: {
      name,
      namespace: 'default',
      labels: { [LABEL.podClique]: podClique, ...(options.gang !== undefined && { [LABEL.podGang]: options.gang }) },
      ...(options.terminating === true && { deletionTimestamp: DELETED_AT }),
    },
    spec: { containers: [{ name: 'main' }], ...(gates.length > 0 && { schedulingGates: gates.map((g) => ({ name: g })) }) },
  };
}

/** `count` pods named `<podClique>-<suffix>` (suffixes a, b, c ...), all with the same options. */
export function podsOf(podClique: string, count: number, options: PodOptions = {}): V1Pod[] {
  return Array.from({ length: count }, (_, i) => aPod(`${podClique}-${String.fromCharCode(97 + i)}`, podClique, options));
}

export interface PodCliqueOptions {
  readonly replicas?: number;
  readonly scheduledReplicas?: number;
  readonly terminating?: boolean;
  readonly labels?: Readonly<Record<string, string>>;
}

export function aPodClique(name: string, options: PodCliqueOptions = {}): PodClique {
  return {
    apiVersion: 'grove.io/v1alpha1',
    kind: 'PodClique',
    metadata: {
      name,
      namespace: 'default',
      labels: { ...options.labels },
      ...(options.terminating === true && { deletionTimestamp: DELETED_AT }),
    },
    spec: { podSpec: { containers: [{ name: 'main' }] }, replicas: options.replicas ?? 1 },
    ...(options.scheduledReplicas !== undefined && { status: { scheduledReplicas: options.scheduledReplicas } }),
  };
}

export function aScalingGroup(name: string, replicas: number, cliqueNames: string[] = []): PodCliqueScalingGroup {
  return {
    apiVersion: 'grove.io/v1alpha1',
    kind: 'PodCliqueScalingGroup',
    metadata: { name, namespace: 'default' },
    spec: { replicas, minAvailable: 1, cliqueNames },
  };
}

export function aPodGang(name: string, podgroups: readonly PodGroup[] = []): PodGang {
  return {
    apiVersion: 'scheduler.grove.io/v1alpha1',
    kind: 'PodGang',
    metadata: { name, namespace: 'default' },
    spec: { podgroups: [...podgroups] },
  };
}

/** A PodGroup listing the given pod names. */
export function aPodGroup(name: string, minReplicas: number, podNames: readonly string[] = []): PodGroup {
  return { name, minReplicas, podReferences: podNames.map((pod) => ({ namespace: 'default', name: pod })) };
}

/** A world with nothing live yet, TAS off and `default-scheduler` as the default backend. */
export function aGangWorld(pcs: PodCliqueSet, overrides: Partial<GangWorld> = {}): GangWorld {
  return {
    pcs,
    podCliques: [],
    scalingGroups: [],
    pods: [],
    topology: undefined,
    topologyAwareScheduling: false,
    defaultSchedulerName: 'default-scheduler',
    ...overrides,
  };
}
