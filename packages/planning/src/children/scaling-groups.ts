/**
 * PodCliqueScalingGroups: one per PCS replica per scaling-group config (grove-spec §2.2). The
 * PodCliqueSet sets `replicas` only when it creates the object; afterwards the PCSG (its HPA, or a
 * user scaling it) owns the count, while `minAvailable` and `cliqueNames` always follow the template.
 */
import {
  ANNOTATION,
  COMPONENT,
  LABEL,
  podCliqueScalingGroupName,
  type PodCliqueScalingGroup,
  type PodCliqueScalingGroupConfig,
  type PodCliqueSet,
} from '@grove/api';
import { groupMinAvailable, groupReplicas, pcsReplicas, scalingGroupConfigs } from '../template.js';
import { childMetadata, componentLabels, type StringMap } from './child-metadata.js';
import { pcsNameOf, requireScalingGroup } from './template-lookup.js';

export function podCliqueScalingGroup(pcs: PodCliqueSet, pcsReplica: number, group: string, existingReplicas?: number): PodCliqueScalingGroup {
  const config = requireScalingGroup(pcs, group);
  const name = podCliqueScalingGroupName({ pcs: pcsNameOf(pcs), replicaIndex: pcsReplica }, group);
  const labels = { ...componentLabels(pcs, name, COMPONENT.pcsPodCliqueScalingGroup), [LABEL.podCliqueSetReplicaIndex]: String(pcsReplica) };
  return {
    apiVersion: 'grove.io/v1alpha1',
    kind: 'PodCliqueScalingGroup',
    metadata: childMetadata(pcs, name, labels, scalingGroupAnnotations(pcs, config)),
    spec: {
      replicas: existingReplicas ?? groupReplicas(config),
      minAvailable: groupMinAvailable(config),
      cliqueNames: [...config.cliqueNames],
    },
  };
}

/** Every PCSG the PCS should have: replicas 0..spec.replicas-1 × scaling-group configs. */
export function expectedScalingGroupNames(pcs: PodCliqueSet): string[] {
  const pcsName = pcsNameOf(pcs);
  return Array.from({ length: pcsReplicas(pcs) }, (_, replicaIndex) =>
    scalingGroupConfigs(pcs).map((config) => podCliqueScalingGroupName({ pcs: pcsName, replicaIndex }, config.name)),
  ).flat();
}

/** The config's annotations, plus the PCS MNNVL group opt-in when the config has none of its own (§1.1). */
function scalingGroupAnnotations(pcs: PodCliqueSet, config: PodCliqueScalingGroupConfig): StringMap {
  const annotations: StringMap = { ...config.annotations };
  const inherited = pcs.metadata.annotations?.[ANNOTATION.mnnvlGroup];
  if (inherited !== undefined && !(ANNOTATION.mnnvlGroup in annotations)) annotations[ANNOTATION.mnnvlGroup] = inherited;
  return annotations;
}
