/**
 * The three env vars a scaling-group member PodClique carries in its podSpec (grove-spec §1.8
 * item 6). Two read the pod's own labels through the downward API, so they follow the pod, not
 * the template; the pod count is static: the template replicas of the group's cliques.
 */
import type { V1Container, V1EnvVar, V1PodSpec } from '@kubernetes/client-node';
import { LABEL, POD_ENV, type PodCliqueScalingGroupConfig, type PodCliqueSet } from '@grove/api';
import { cliqueReplicas, cliqueTemplate } from '../template.js';

export function scalingGroupEnv(templateNumPods: number): V1EnvVar[] {
  return [
    { name: POD_ENV.pcsgName, valueFrom: { fieldRef: { fieldPath: labelFieldPath(LABEL.podCliqueScalingGroup) } } },
    { name: POD_ENV.pcsgTemplateNumPods, value: String(templateNumPods) },
    { name: POD_ENV.pcsgIndex, valueFrom: { fieldRef: { fieldPath: labelFieldPath(LABEL.podCliqueScalingGroupReplicaIndex) } } },
  ];
}

/** `GROVE_PCSG_TEMPLATE_NUM_PODS`: the pods of one group replica, per the template. */
export function scalingGroupTemplateNumPods(pcs: PodCliqueSet, group: PodCliqueScalingGroupConfig): number {
  return group.cliqueNames.reduce((sum, name) => {
    const clique = cliqueTemplate(pcs, name);
    return clique === undefined ? sum : sum + cliqueReplicas(clique);
  }, 0);
}

/** The downward-API path of one of the pod's labels. */
export function labelFieldPath(labelKey: string): string {
  return `metadata.labels['${labelKey}']`;
}

/**
 * `vars` first in every container and init container, then the user's own vars minus any of the
 * same name: Grove's value wins (§1.8).
 */
export function withPrependedEnv(podSpec: V1PodSpec, vars: readonly V1EnvVar[]): V1PodSpec {
  const names = new Set(vars.map((v) => v.name));
  const prepend = (container: V1Container): V1Container => {
    return { ...container, env: [...structuredClone(vars), ...(container.env ?? []).filter((v) => !names.has(v.name))] };
  };
  return {
    ...podSpec,
    containers: podSpec.containers.map(prepend),
    ...(podSpec.initContainers !== undefined && { initContainers: podSpec.initContainers.map(prepend) }),
  };
}
