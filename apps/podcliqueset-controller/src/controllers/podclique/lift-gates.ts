/**
 * Scheduling-gate removal (grove-spec §3.4): a pod is handed to the scheduler once its PodGang
 * references it and, for a scaled gang, once the base gang is scheduled. Only Grove's gate is
 * removed, by a strategic merge patch that deletes that one list item.
 */
import { cached, partOf, rejections } from '@grove/controller-kit';
import type { V1Pod } from '@kubernetes/client-node';
import { LABEL, SCHEDULING_GATE, type PodClique } from '@grove/api';
import { podsToUngate } from '@grove/planning';
import { BUILTIN } from '@grove/watch-sdk/watch';
import type { ReconcilerDeps } from '../deps.js';

export interface GateOutcome {
  readonly stillGated: number;
  readonly errors: readonly Error[];
}

export async function liftGates(pclq: PodClique, pods: readonly V1Pod[], deps: ReconcilerDeps): Promise<GateOutcome> {
  const { world } = deps;
  const namespace = pclq.metadata.namespace ?? '';
  const labels = pclq.metadata.labels ?? {};
  const gangName = labels[LABEL.podGang];
  const baseName = labels[LABEL.basePodGang];
  const siblings = partOf(world.podCliques, namespace, labels[LABEL.partOf] ?? '');
  const { ungate, stillGated } = podsToUngate({
    podClique: pclq,
    pods,
    podGang: gangName === undefined ? undefined : cached(world.podGangs, namespace, gangName),
    basePodGang: baseName === undefined ? undefined : cached(world.podGangs, namespace, baseName),
    podCliquesByName: new Map(siblings.map((p) => [p.metadata.name ?? '', p])),
  });
  const results = await Promise.allSettled(ungate.map((pod) => removeGroveGate(pod, deps)));
  const errors = rejections(results);
  return { stillGated: stillGated + errors.length, errors };
}

async function removeGroveGate(pod: V1Pod, deps: ReconcilerDeps): Promise<void> {
  const key = { namespace: pod.metadata?.namespace ?? '', name: pod.metadata?.name ?? '' };
  // Removes exactly Grove's gate, whatever other gates the pod has now (a stale cache cannot matter).
  await deps.writer.strategicMergePatch(BUILTIN.pods, key, { spec: { schedulingGates: [{ name: SCHEDULING_GATE.podGangPendingCreation, $patch: 'delete' }] } });
}
