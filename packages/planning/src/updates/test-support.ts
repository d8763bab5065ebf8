/**
 * Builders for the rolling-update tests: live pods, PodCliques and PodCliqueScalingGroups as the
 * cache would hand them over, with only the fields these planners read. (Test-only code.)
 */
import { LABEL, type PodClique, type PodCliqueScalingGroup, type PodCliqueScalingGroupStatus, type PodCliqueStatus } from '@grove/api';
import type { V1Pod } from '@kubernetes/client-node';

export const NOW = new Date('2026-01-01T12:00:00.000Z');
export const EARLIER = '2026-01-01T11:00:00.000Z';

export interface PodOptions {
  readonly hash: string;
  readonly ready?: boolean;
  readonly terminating?: boolean;
  /** RFC 3339 creation time (oldest-first selection). */
  readonly createdAt?: string;
  readonly phase?: string;
}

export function aPod(name: string, o: PodOptions): V1Pod {
  const ready = o.ready ?? true;
  return {
    metadata: {
      name,
      labels: { [LABEL.podTemplateHash]: o.hash },
      ...(o.createdAt !== undefined && { creationTimestamp: new Date(o.createdAt) }),
      ...(o.terminating === true && { deletionTimestamp: new Date(EARLIER) }),
    },
    status: {
      phase: o.phase ?? (ready ? 'Running' : 'Pending'),
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
    },
  };
}

export interface PodCliqueOptions {
  readonly hash: string;
  readonly replicas?: number;
  readonly minAvailable?: number;
  readonly pcsReplica?: number;
  readonly pcsgReplica?: number;
  readonly terminating?: boolean;
  readonly status?: PodCliqueStatus;
}

export function aLivePodClique(name: string, o: PodCliqueOptions): PodClique {
  const labels: Record<string, string> = { [LABEL.podTemplateHash]: o.hash };
  if (o.pcsReplica !== undefined) labels[LABEL.podCliqueSetReplicaIndex] = String(o.pcsReplica);
  if (o.pcsgReplica !== undefined) labels[LABEL.podCliqueScalingGroupReplicaIndex] = String(o.pcsgReplica);
  return {
    apiVersion: 'grove.io/v1alpha1',
    kind: 'PodClique',
    metadata: { name, namespace: 'default', labels, ...(o.terminating === true && { deletionTimestamp: new Date(EARLIER) }) },
    spec: {
      podSpec: { containers: [] },
      replicas: o.replicas ?? 1,
      ...(o.minAvailable !== undefined && { minAvailable: o.minAvailable }),
    },
    ...(o.status !== undefined && { status: o.status }),
  };
}

/** A PodClique whose pods all run `hash` and which has converged to it under PCS hash `gen`. */
export function convergedStatus(hash: string, gen: string, pods: number): PodCliqueStatus {
  return {
    replicas: pods,
    readyReplicas: pods,
    scheduledReplicas: pods,
    updatedReplicas: pods,
    currentPodTemplateHash: hash,
    currentPodCliqueSetGenerationHash: gen,
  };
}

export interface ScalingGroupOptions {
  readonly cliqueNames: string[];
  readonly replicas?: number;
  readonly minAvailable?: number;
  readonly status?: PodCliqueScalingGroupStatus;
}

export function aLiveScalingGroup(name: string, o: ScalingGroupOptions): PodCliqueScalingGroup {
  return {
    apiVersion: 'grove.io/v1alpha1',
    kind: 'PodCliqueScalingGroup',
    metadata: { name, namespace: 'default' },
    spec: { cliqueNames: o.cliqueNames, replicas: o.replicas ?? 1, minAvailable: o.minAvailable ?? 1 },
    ...(o.status !== undefined && { status: o.status }),
  };
}

export function names(pods: readonly V1Pod[]): string[] {
  return pods.map((p) => p.metadata?.name ?? '');
}
