/**
 * When a PodGang is "initialized" (grove-spec §3.2 steps 2–4, §1.5): Grove writes only the
 * `Initialized` condition and `phase: Pending`; everything else in the status is the scheduler's.
 * Initialized=True is the signal that every pod of the gang exists and is associated with it.
 */
import { CONDITION_REASON, CONDITION_TYPE, LABEL, type PodGang, type PodGangStatus } from '@grove/api';
import { conditionIs, findCondition, setCondition, type DesiredCondition } from '../conditions.js';
import { isTerminating, labelOf, nameOf } from './objects.js';
import type { GangWorld } from './world.js';

const PODS_PENDING: DesiredCondition = {
  type: CONDITION_TYPE.podGangInitialized,
  status: 'False',
  reason: CONDITION_REASON.podGangInitialized.podsCreationPending,
  message: 'Not all constituent pods have been created yet',
};

const PODS_CREATED: DesiredCondition = {
  type: CONDITION_TYPE.podGangInitialized,
  status: 'True',
  reason: CONDITION_REASON.podGangInitialized.podsCreated,
  message: 'All constituent pods have been created and associated with the PodGang',
};

/**
 * One PodGroup is complete when its PodClique exists (not terminating), has at least
 * `spec.replicas` live pods, and every live pod of it carries this gang's label (§3.2 step 3).
 */
function podGroupComplete(podClique: string, gang: string, world: GangWorld): boolean {
  const clique = world.podCliques.find((c) => nameOf(c) === podClique && !isTerminating(c));
  if (clique === undefined) return false;
  const pods = world.pods.filter((p) => !isTerminating(p) && labelOf(p, LABEL.podClique) === podClique);
  const associated = pods.filter((p) => labelOf(p, LABEL.podGang) === gang);
  return associated.length === pods.length && associated.length >= (clique.spec.replicas ?? 1);
}

/** §3.2 step 3: every PodGroup's PodClique exists and all its pods exist and belong to the gang. */
export function podGangReady(gang: PodGang, world: GangWorld): boolean {
  return gang.spec.podgroups.every((group) => podGroupComplete(group.name, nameOf(gang), world));
}

/** `Pending` until the scheduler has moved the gang on; Grove never moves it back. */
function phaseToWrite(current: PodGangStatus | undefined): PodGangStatus['phase'] {
  return current?.phase === 'Starting' || current?.phase === 'Running' ? current.phase : 'Pending';
}

/**
 * The status to write, or `undefined` when nothing changes. A gang without `Initialized` gets
 * False/PodGangPodsCreationPending; a ready gang not yet True gets True/PodGangPodsCreated (both
 * apply in one pass when a new gang is already ready). Initialized never returns to False.
 */
export function podGangStatusUpdate(current: PodGang | undefined, ready: boolean, now: Date): PodGangStatus | undefined {
  const status = current?.status;
  const generation = current?.metadata.generation;
  let conditions = status?.conditions;
  let changed = false;
  if (findCondition(conditions, CONDITION_TYPE.podGangInitialized) === undefined) {
    conditions = setCondition(conditions, PODS_PENDING, now, generation);
    changed = true;
  }
  if (ready && !conditionIs(conditions, CONDITION_TYPE.podGangInitialized, 'True')) {
    conditions = setCondition(conditions, PODS_CREATED, now, generation);
    changed = true;
  }
  if (!changed) return undefined;
  return { ...status, phase: phaseToWrite(status), ...(conditions !== undefined && { conditions }) };
}
