/**
 * One scheduling cycle: the best due unit is placed against the snapshot and, if it fits, every
 * assignment is assumed at once (so the next cycle never books the same capacity) and its
 * bindings start in the background. Synchronous: no event can interleave between the placement
 * and the assumptions.
 */
import type { V1Pod } from '@kubernetes/client-node';
import type { PodGang } from '@grove/api';
import { placeGang, placePod, type Assignment, type PlacementResult } from '@grove/placement';
import { bindPlaced, type PlacedUnit } from './binding.js';
import type { SchedulerDeps } from './deps.js';
import { GANG_INDEX } from './deps.js';
import { buildGangRequest } from './gang-request.js';
import type { AttemptResult } from './metrics.js';
import { gangNameOf, isPendingFor, podKey } from './pod-facts.js';
import { requestsOf, toPodRequest } from './pod-request.js';
import { reportGangFailure, reportPodFailure } from './report.js';
import type { UnitOutcome } from './scheduling-queue.js';
import { gangRank, objectKeyOf, parseUnitKey, podRank, priorityLookup, type Unit } from './units.js';

export interface CycleReport {
  readonly unit: string;
  readonly outcome: UnitOutcome;
  /** Undefined when nothing was attempted (unit gone or waiting for its pods). */
  readonly result?: AttemptResult;
  /** Pods placed, or pods that did not fit. */
  readonly pods: number;
  readonly message?: string;
}

type UnitReport = Omit<CycleReport, 'unit'>;

/** The pods labelled with the gang, plus those its references name (as pods join incrementally), once each. */
export function gangCandidates(deps: SchedulerDeps, gang: PodGang): V1Pod[] {
  const { namespace = '', name = '' } = gang.metadata;
  const store = deps.informers.pods.store;
  const labelled = store.byIndex(GANG_INDEX, `${namespace}/${name}`);
  const pods = new Map(labelled.map((p) => [podKey(p), p]));
  for (const group of gang.spec.podgroups) {
    for (const ref of group.podReferences) {
      const key = `${ref.namespace}/${ref.name}`;
      const pod = pods.has(key) ? undefined : store.get(key);
      if (pod) pods.set(key, pod);
    }
  }
  return [...pods.values()];
}

function assumeAll(deps: SchedulerDeps, pods: ReadonlyMap<string, V1Pod>, assignments: readonly Assignment[]): void {
  for (const a of assignments) {
    const pod = pods.get(a.podKey);
    if (pod) deps.state.assume(a.podKey, pod.metadata?.uid ?? '', a.node, requestsOf(pod));
  }
}

function startBinding(deps: SchedulerDeps, placed: PlacedUnit): void {
  bindPlaced(deps, placed).catch((err: unknown) => deps.logger.error({ err, unit: placed.unitKey }, 'binding stage failed'));
}

function priority(deps: SchedulerDeps) {
  return priorityLookup((name) => deps.informers.priorityClasses.store.get(name));
}

function scheduleGang(deps: SchedulerDeps, key: string, unit: Unit): UnitReport {
  const gang = deps.informers.gangs.store.get(objectKeyOf(unit));
  if (!gang || gang.metadata.deletionTimestamp) return { outcome: 'gone', pods: 0 };
  const build = buildGangRequest(gang, gangCandidates(deps, gang), { schedulerName: deps.schedulerName, assumedNode: (k) => deps.state.assumedNode(k) });
  if (build.pendingCount === 0) return { outcome: 'gone', pods: 0 };
  if (!build.readiness.ready) return { outcome: 'waiting', pods: build.pendingCount, message: build.readiness.reason };
  if (!deps.readySince.has(key)) deps.readySince.set(key, deps.clock.now());
  const result: PlacementResult = placeGang(deps.state.snapshot, build.request, deps.placement);
  if (!result.placed) {
    const pending = build.request.groups.flatMap((g) => g.pending.flatMap((p) => build.pods.get(p.key) ?? []));
    const fresh = reportGangFailure(deps, gang, pending, result);
    if (fresh) deps.logger.info({ unit: key, reason: result.reason, message: result.message }, 'gang unschedulable');
    return { outcome: 'unschedulable', result: 'unschedulable', pods: build.pendingCount, message: result.message };
  }
  assumeAll(deps, build.pods, result.assignments);
  const rank = gangRank(key, gang, priority(deps), deps.now().getTime());
  startBinding(deps, { unitKey: key, rank, gang, pods: build.pods, assignments: result.assignments, minimumCount: result.minimumCount, score: result.score });
  return { outcome: result.assignments.length < build.pendingCount ? 'partial' : 'scheduled', result: 'scheduled', pods: result.assignments.length };
}

function schedulePod(deps: SchedulerDeps, key: string, unit: Unit): UnitReport {
  const pod = deps.informers.pods.store.get(objectKeyOf(unit));
  if (!pod || !isPendingFor(pod, deps.schedulerName) || gangNameOf(pod) !== undefined || deps.state.assumedNode(podKey(pod)) !== undefined) {
    return { outcome: 'gone', pods: 0 };
  }
  const result = placePod(deps.state.snapshot, toPodRequest(pod), deps.placement);
  if (!result.placed) {
    reportPodFailure(deps, pod, result);
    return { outcome: 'unschedulable', result: 'unschedulable', pods: 1, message: result.message };
  }
  const pods = new Map([[podKey(pod), pod]]);
  assumeAll(deps, pods, result.assignments);
  startBinding(deps, { unitKey: key, rank: podRank(key, pod, priority(deps)), pods, assignments: result.assignments, minimumCount: 1, score: result.score });
  return { outcome: 'scheduled', result: 'scheduled', pods: 1 };
}

/** Runs one cycle; undefined when no unit is due. */
export function runCycle(deps: SchedulerDeps): CycleReport | undefined {
  const key = deps.queue.pop();
  if (key === undefined) return undefined;
  const unit = parseUnitKey(key);
  let report: UnitReport;
  try {
    report = unit.kind === 'gang' ? scheduleGang(deps, key, unit) : schedulePod(deps, key, unit);
  } catch (err) {
    deps.logger.error({ err, unit: key }, 'scheduling cycle failed');
    report = { outcome: 'unschedulable', result: 'error', pods: 0 };
  }
  deps.queue.done(key, report.outcome);
  if (report.result) deps.metrics.attempt(report.result);
  return { unit: key, ...report };
}
