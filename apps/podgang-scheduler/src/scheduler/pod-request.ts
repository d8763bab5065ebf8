/**
 * V1Pod → the placement model's PodRequest: effective requests, nodeSelector, required node
 * affinity, tolerations, and `unsupported` when the pod asks for something placement does not
 * honour, so that it stays Pending with that reason instead of being placed in silent violation.
 */
import type { V1Container, V1Pod } from '@kubernetes/client-node';
import { podRequests, type NodeSelectorTerm, type PodRequest, type Resources, type Toleration } from '@grove/placement';
import { podKey } from './pod-facts.js';

type Requests = Readonly<Record<string, string>>;

function containerResources(container: Pick<V1Container, 'resources' | 'restartPolicy'>): { requests?: Requests; restartPolicy?: string } {
  const requests = container.resources?.requests as Requests | undefined;
  return { ...(requests && { requests }), ...(container.restartPolicy !== undefined && { restartPolicy: container.restartPolicy }) };
}

/** The pod's effective requests (containers, init and sidecar containers, overhead). */
export function requestsOf(pod: V1Pod): Resources {
  const spec = pod.spec;
  return podRequests({
    containers: (spec?.containers ?? []).map(containerResources),
    initContainers: (spec?.initContainers ?? []).map(containerResources),
    ...(spec?.overhead && { overhead: spec.overhead as Requests }),
  });
}

/**
 * Why placement cannot honour this pod, or undefined. Checked: required inter-pod affinity and
 * anti-affinity, `DoNotSchedule` topology spread, host ports, and DRA resource claims. Preferred
 * (soft) pod affinities and `ScheduleAnyway` spreads are ignored, as a scheduler may.
 */
export function unsupportedReason(pod: V1Pod): string | undefined {
  const spec = pod.spec;
  const reasons: string[] = [];
  if ((spec?.affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.length ?? 0) > 0) reasons.push('required pod affinity');
  if ((spec?.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.length ?? 0) > 0) reasons.push('required pod anti-affinity');
  if (spec?.topologySpreadConstraints?.some((c) => c.whenUnsatisfiable === 'DoNotSchedule')) reasons.push('DoNotSchedule topology spread constraints');
  const containers = [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])];
  if (containers.some((c) => c.ports?.some((p) => (p.hostPort ?? 0) > 0))) reasons.push('host ports');
  if ((spec?.resourceClaims?.length ?? 0) > 0) reasons.push('resource claims (DRA)');
  return reasons.length === 0 ? undefined : `pod ${podKey(pod)} uses ${reasons.join(', ')}, which this scheduler does not support`;
}

function tolerationsOf(pod: V1Pod): Toleration[] {
  return (pod.spec?.tolerations ?? []).map((t) => ({
    ...(t.key !== undefined && t.key !== '' && { key: t.key }),
    ...(t.operator !== undefined && { operator: t.operator as Toleration['operator'] & string }),
    ...(t.value !== undefined && { value: t.value }),
    ...(t.effect !== undefined && t.effect !== '' && { effect: t.effect as NonNullable<Toleration['effect']> }),
  }));
}

function requiredTermsOf(pod: V1Pod): NodeSelectorTerm[] | undefined {
  const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  // Operators are validated by the API server to be the placement model's.
  return terms === undefined || terms.length === 0 ? undefined : (terms as NodeSelectorTerm[]);
}

export function toPodRequest(pod: V1Pod): PodRequest {
  const unsupported = unsupportedReason(pod);
  const terms = requiredTermsOf(pod);
  return {
    key: podKey(pod),
    requests: requestsOf(pod),
    nodeSelector: pod.spec?.nodeSelector ?? {},
    ...(terms && { requiredNodeAffinity: terms }),
    tolerations: tolerationsOf(pod),
    ...(unsupported !== undefined && { unsupported }),
  };
}
