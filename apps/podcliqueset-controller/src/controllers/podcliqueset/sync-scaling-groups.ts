/**
 * The PodCliqueScalingGroups of every replica (grove-spec §2.2): `spec.replicas` only at creation
 * (later scaling is done on the PCSG, by HPA or `kubectl scale`), `minAvailable` and `cliqueNames`
 * always. Their member PodCliques are the scalinggroup-controller's. Unexpected PCSGs are deleted.
 */
import { CONTINUE, cached, ensureScalable, partOf, type StepOutcome } from '@grove/controller-kit';
import { COMPONENT, FINALIZER, LABEL, PodCliqueScalingGroupGVK, type PodCliqueScalingGroup, type PodCliqueSet } from '@grove/api';
import { expectedScalingGroupNames, pcsReplicas, podCliqueScalingGroup, scalingGroupConfigs } from '@grove/planning';
import { type ReconcilerDeps } from '../deps.js';

export async function syncScalingGroups(pcs: PodCliqueSet, deps: ReconcilerDeps): Promise<StepOutcome> {
  const namespace = pcs.metadata.namespace ?? '';
  const writes: Promise<unknown>[] = [];
  for (let i = 0; i < pcsReplicas(pcs); i++) {
    for (const group of scalingGroupConfigs(pcs)) {
      const desired = podCliqueScalingGroup(pcs, i, group.name);
      const current = cached(deps.world.scalingGroups, namespace, desired.metadata.name ?? '');
      writes.push(ensureScalable(deps.children, PodCliqueScalingGroupGVK, pcs, desired, current, FINALIZER.podCliqueScalingGroup));
    }
  }
  await Promise.all(writes);
  const keep = new Set(expectedScalingGroupNames(pcs));
  const stale = scalingGroupsOf(pcs, deps).filter((pcsg) => !keep.has(pcsg.metadata.name ?? ''));
  await Promise.all(stale.map((pcsg) => deps.children.remove(PodCliqueScalingGroupGVK, pcs, pcsg)));
  return CONTINUE;
}

export function scalingGroupsOf(pcs: PodCliqueSet, deps: Pick<ReconcilerDeps, 'world'>): PodCliqueScalingGroup[] {
  return partOf(deps.world.scalingGroups, pcs.metadata.namespace ?? '', pcs.metadata.name ?? '').filter(
    (pcsg) => pcsg.metadata.labels?.[LABEL.component] === COMPONENT.pcsPodCliqueScalingGroup,
  );
}
