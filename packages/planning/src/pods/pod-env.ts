/**
 * The GROVE_* variables every user container sees (grove-spec §1.8): who am I (PCS, replica,
 * clique, pod index) and where are my peers (the replica's headless Service).
 */
import { LABEL, POD_ENV, headlessServiceAddress } from '@grove/api';
import type { V1Container, V1EnvVar } from '@kubernetes/client-node';
import { labelFieldPath } from './init-container.js';

export interface PodIdentity {
  readonly pcsName: string;
  readonly pcsReplicaIndex: number;
  readonly podClique: string;
  readonly namespace: string;
}

/**
 * The five variables in §1.8 order. The pod index comes from the pod's own label through the
 * downward API, so the container sees the index the pod was actually created with.
 */
export function groveEnv(identity: PodIdentity): V1EnvVar[] {
  const replica = { pcs: identity.pcsName, replicaIndex: identity.pcsReplicaIndex };
  return [
    { name: POD_ENV.pcsName, value: identity.pcsName },
    { name: POD_ENV.pcsIndex, value: String(identity.pcsReplicaIndex) },
    { name: POD_ENV.pclqName, value: identity.podClique },
    { name: POD_ENV.headlessService, value: headlessServiceAddress(replica, identity.namespace) },
    { name: POD_ENV.pclqPodIndex, valueFrom: { fieldRef: { fieldPath: labelFieldPath(LABEL.podCliquePodIndex) } } },
  ];
}

/**
 * `env` = Grove's variables, then the container's own minus any that reuse a Grove name: the Grove
 * value wins, and a later user variable may still refer to it as `$(GROVE_...)`. Whatever the PCLQ
 * podSpec already starts with (the PCSG variables of §2.4) therefore stays right after the five.
 */
export function withGroveEnv(container: V1Container, env: readonly V1EnvVar[]): V1Container {
  const groveNames = new Set(env.map((e) => e.name));
  const own = (container.env ?? []).filter((e) => !groveNames.has(e.name));
  return { ...container, env: [...env, ...own] };
}
