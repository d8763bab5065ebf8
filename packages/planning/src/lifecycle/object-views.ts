/**
 * Small reads of live PodCliques and PodCliqueScalingGroups shared by the lifecycle decisions:
 * their index labels, whether they are terminating, and their defaulted numbers. A decision never
 * depends on whether defaulting ran, so the defaults of the CRDs are repeated here (grove-spec §1.2,
 * §1.3).
 */
import type { PodClique, PodCliqueScalingGroup } from '@grove/api';
import type { V1ObjectMeta } from '@kubernetes/client-node';

/** A label holding a replica index, parsed; undefined when absent or not a non-negative integer. */
export function indexLabel(meta: V1ObjectMeta, key: string): number | undefined {
  const value = meta.labels?.[key];
  return value !== undefined && /^(0|[1-9]\d*)$/.test(value) ? Number(value) : undefined;
}

/** Terminating = deletionTimestamp set (grove-spec §1.7 pod categories; same rule for children). */
export function isTerminating(meta: V1ObjectMeta): boolean {
  return meta.deletionTimestamp !== undefined;
}

/** `metadata.creationTimestamp` as epoch ms (the cache may hold a Date or an RFC 3339 string); NaN when unknown. */
export function creationMs(meta: V1ObjectMeta): number {
  const t = meta.creationTimestamp as Date | string | undefined;
  return t === undefined ? Number.NaN : new Date(t).getTime();
}

/** A PodClique's `minAvailable`, defaulted to its `replicas` (§1.2), which default to 1. */
export function podCliqueMinAvailable(podClique: PodClique): number {
  return podClique.spec.minAvailable ?? podClique.spec.replicas ?? 1;
}

/** A PodCliqueScalingGroup's `spec.replicas` (CRD default 1, §1.3). */
export function scalingGroupReplicaCount(group: PodCliqueScalingGroup): number {
  return group.spec.replicas ?? 1;
}

/** A PodCliqueScalingGroup's `spec.minAvailable` (nil ⇒ 1, §1.7). */
export function scalingGroupMinAvailable(group: PodCliqueScalingGroup): number {
  return group.spec.minAvailable ?? 1;
}

/** 0, 1, …, n−1. */
export function indices(n: number): number[] {
  return Array.from({ length: Math.max(0, n) }, (_, i) => i);
}
