/**
 * Scheduling-gate removal (grove-spec §3.4): a pod is handed to the scheduler once its PodGang
 * references it and, for a scaled gang, once the base gang is scheduled. Only Grove's gate is
 * removed; the patch tests the gate list it read, so a concurrent change fails it instead of
 * being overwritten.
 */
import { cached, partOf, rejections } from '@grove/controller-kit';
import type { V1Pod } from '@kubernetes/client-node';
import { LABEL, type PodClique } from '@grove/api';
import { podsToUngate, schedulingGatesWithoutGrove } from '@grove/planning';
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
  const gates = schedulingGatesWithoutGrove(pod);
  const key = { namespace: pod.metadata?.namespace ?? '', name: pod.metadata?.name ?? '' };
  await deps.writer.jsonPatch(BUILTIN.pods, key, [
    { op: 'test', path: '/spec/schedulingGates', value: pod.spec?.schedulingGates ?? [] },
    gates.length === 0 ? { op: 'remove', path: '/spec/schedulingGates' } : { op: 'replace', path: '/spec/schedulingGates', value: gates },
  ]);
}
