/**
 * PodGang `status.phase` from its pods (see status.ts `gangPhase`): Pending → Starting (minimum
 * bound) → Running (minimum Running and Ready). A plain reconciler over PodGang keys, for the
 * gangs whose pods use our scheduler name (or that carry our `grove.io/scheduler-name` label).
 */
import type { V1Pod } from '@kubernetes/client-node';
import { LABEL, type PodGang } from '@grove/api';
import { done, type ObjectKey } from '@grove/watch-sdk';
import { keyString, toMappedKeys, toObjectKeys } from '@grove/watch-sdk/controller';
import type { Manager } from '@grove/watch-sdk/manager';
import type { SchedulerDeps } from './deps.js';
import { gangCandidates } from './cycle.js';
import { gangNameOf } from './pod-facts.js';
import { applyPhase, gangPhase } from './status.js';

export const PHASE_CONTROLLER = 'podgang-phase';

export function isOurGang(gang: PodGang, pods: readonly V1Pod[], schedulerName: string): boolean {
  return gang.metadata.labels?.[LABEL.schedulerName] === schedulerName || pods.some((p) => p.spec?.schedulerName === schedulerName);
}

function gangKeyOfPod(pod: V1Pod): readonly ObjectKey[] {
  const gang = gangNameOf(pod);
  const namespace = pod.metadata?.namespace;
  return gang === undefined || namespace === undefined ? [] : [{ namespace, name: gang }];
}

export function addPhaseController(manager: Manager, deps: SchedulerDeps, workers: number): void {
  const { gangs, pods } = deps.informers;
  manager.addController({
    name: PHASE_CONTROLLER,
    kind: 'PodGang',
    workers,
    annotations: (key) => gangs.store.get(keyString(key))?.metadata.annotations,
    watches: () => [gangs.events$().pipe(toObjectKeys()), pods.events$().pipe(toMappedKeys(gangKeyOfPod))],
    reconcile: async (key) => {
      const gang = gangs.store.get(keyString(key));
      if (!gang || gang.metadata.deletionTimestamp) return done();
      const members = gangCandidates(deps, gang);
      if (!isOurGang(gang, members, deps.schedulerName)) return done();
      const phase = gangPhase(gang, members);
      if (gang.status?.phase !== phase) {
        await deps.statusChain.run(`PodGang/${keyString(key)}`, () => deps.writes.gangStatus(gangs.store.get(keyString(key)) ?? gang, (copy) => applyPhase(copy, phase)));
      }
      return done();
    },
  });
}
