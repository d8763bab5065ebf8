/**
 * Releasing pods to the scheduler (grove-spec §3.4, Appendix A.4). Every pod is created behind the
 * `grove.io/podgang-pending-creation` gate. A pod leaves it once its PodGang lists it, so the
 * scheduler never sees a pod its gang does not know. Pods of a scaled gang additionally wait until
 * the base gang is scheduled, so extra PCSG replicas never compete with the minimum viable set.
 */
import { LABEL, SCHEDULING_GATE, type PodClique, type PodGang } from '@grove/api';
import type { V1Pod, V1PodSchedulingGate } from '@kubernetes/client-node';
import { isTerminating, labelOf, nameOf } from './objects.js';

export interface GateWorld {
  readonly podClique: PodClique;
  /** The PodClique's own pods. */
  readonly pods: readonly V1Pod[];
  /** The gang named by the PodClique's `grove.io/podgang` label. */
  readonly podGang: PodGang | undefined;
  /** When the PodClique has `grove.io/base-podgang`: the gang it names. */
  readonly basePodGang: PodGang | undefined;
  /** To read `status.scheduledReplicas` of the base gang's PodCliques. */
  readonly podCliquesByName: ReadonlyMap<string, PodClique>;
}

export function hasGroveSchedulingGate(pod: V1Pod): boolean {
  return (pod.spec?.schedulingGates ?? []).some((g) => g.name === SCHEDULING_GATE.podGangPendingCreation);
}

/** The pod's gates with only Grove's removed: other controllers' gates stay, in order. */
export function schedulingGatesWithoutGrove(pod: V1Pod): V1PodSchedulingGate[] {
  return (pod.spec?.schedulingGates ?? []).filter((g) => g.name !== SCHEDULING_GATE.podGangPendingCreation);
}

/** The gang only when it is the one the label names (a stale lookup must not release pods). */
function gangNamed(gang: PodGang | undefined, name: string | undefined): PodGang | undefined {
  return gang !== undefined && name !== undefined && nameOf(gang) === name ? gang : undefined;
}

/** Names the PodClique's PodGroup lists in its gang (empty while the gang is absent). */
function referencedPodNames(world: GateWorld): Set<string> {
  const gang = gangNamed(world.podGang, labelOf(world.podClique, LABEL.podGang));
  const group = gang?.spec.podgroups.find((g) => g.name === nameOf(world.podClique));
  return new Set((group?.podReferences ?? []).map((ref) => ref.name));
}

/**
 * A gang is "scheduled" when each PodGroup's PodClique has scheduledReplicas ≥ minReplicas. A
 * missing gang or PodClique counts as not scheduled: the caller requeues and asks again.
 */
function gangScheduled(gang: PodGang | undefined, podCliquesByName: ReadonlyMap<string, PodClique>): boolean {
  if (gang === undefined) return false;
  return gang.spec.podgroups.every((group) => {
    const clique = podCliquesByName.get(group.name);
    return clique !== undefined && (clique.status?.scheduledReplicas ?? 0) >= group.minReplicas;
  });
}

/** Base-gang pods need no wait; a scaled gang's pods wait for the base gang (§3.4). */
function baseGangAllowsRelease(world: GateWorld): boolean {
  const baseName = labelOf(world.podClique, LABEL.basePodGang);
  if (baseName === undefined) return true;
  return gangScheduled(gangNamed(world.basePodGang, baseName), world.podCliquesByName);
}

/**
 * The gated, non-terminating pods to release now, and how many stay gated (> 0 ⇒ requeue).
 * Terminating pods are neither released nor counted: they will never be scheduled.
 */
export function podsToUngate(world: GateWorld): { readonly ungate: V1Pod[]; readonly stillGated: number } {
  const gated = world.pods.filter((pod) => hasGroveSchedulingGate(pod) && !isTerminating(pod));
  if (gated.length === 0) return { ungate: [], stillGated: 0 };
  const referenced = referencedPodNames(world);
  const baseAllows = baseGangAllowsRelease(world);
  const ungate = gated.filter((pod) => baseAllows && referenced.has(nameOf(pod)));
  return { ungate, stillGated: gated.length - ungate.length };
}
