/**
 * Gang-termination candidates (grove-spec §4.1–§4.3): breached children that pass their "ever
 * healthy" gate, each with the time left before its breach expires.
 */
import { CONDITION_TYPE, type PodClique, type PodCliqueScalingGroup } from '@grove/api';
import { conditionIs } from '../conditions.js';
import { breachRemainingMs, everHealthy, everScheduled } from './breach.js';
import { isTerminating } from './object-views.js';

export interface BreachCandidate {
  readonly name: string;
  /** ≤ 0 once `terminationDelay` has passed since the breach began. */
  readonly remainingMs: number;
}

function candidate(name: string | undefined, remainingMs: number | undefined): BreachCandidate[] {
  return remainingMs === undefined ? [] : [{ name: name ?? '', remainingMs }];
}

/**
 * PodCliques with `MinAvailableBreached=True` that were ever scheduled (§4.1). Terminating ones
 * are already on their way out and are left alone.
 */
export function podCliqueCandidates(podCliques: readonly PodClique[], delayMs: number, now: Date): BreachCandidate[] {
  return podCliques
    .filter((p) => !isTerminating(p.metadata) && everScheduled(p))
    .flatMap((p) => candidate(p.metadata.name, breachRemainingMs(p.status?.conditions, delayMs, now)));
}

/**
 * PodCliqueScalingGroups with `MinAvailableBreached=True` that were ever healthy and carry no
 * `GangTerminationInProgress=True` flag: a recycle already fired for them, and re-firing before
 * their breach clears would loop (§4.2, Appendix A item 5).
 */
export function scalingGroupCandidates(groups: readonly PodCliqueScalingGroup[], delayMs: number, now: Date): BreachCandidate[] {
  return groups
    .filter((g) => !isTerminating(g.metadata) && everHealthy(g))
    .filter((g) => !conditionIs(g.status?.conditions, CONDITION_TYPE.gangTerminationInProgress, 'True'))
    .flatMap((g) => candidate(g.metadata.name, breachRemainingMs(g.status?.conditions, delayMs, now)));
}

/** The shortest wait among candidates (the one to requeue for, §4.1); undefined when there are none. */
export function minRemainingMs(candidates: readonly BreachCandidate[]): number | undefined {
  return candidates.length === 0 ? undefined : Math.min(...candidates.map((c) => c.remainingMs));
}
