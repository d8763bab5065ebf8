/**
 * Whether a pod may run on a node, apart from free capacity: Ready and not cordoned, nodeSelector,
 * required node affinity, and taints (NoSchedule and NoExecute must be tolerated; PreferNoSchedule
 * is ignored, as kube-scheduler only scores it). Same semantics as the kube-scheduler plugins
 * NodeUnschedulable, NodeAffinity and TaintToleration.
 */
import type { NodeInfo, NodeSelectorRequirement, NodeSelectorTerm, PodRequest, Taint, Toleration } from './model.js';

/** Why a node cannot take a pod, before capacity is looked at. */
export type StaticReason = 'notReady' | 'cordoned' | 'affinity' | 'taint';

export function staticReason(pod: PodRequest, node: NodeInfo): StaticReason | undefined {
  if (!node.ready) return 'notReady';
  if (node.unschedulable) return 'cordoned';
  if (!matchesSelector(pod.nodeSelector, node.labels)) return 'affinity';
  if (!matchesAffinity(pod.requiredNodeAffinity, node)) return 'affinity';
  if (!toleratesAll(pod.tolerations, node.taints)) return 'taint';
  return undefined;
}

function matchesSelector(selector: Readonly<Record<string, string>>, labels: Readonly<Record<string, string>>): boolean {
  for (const key in selector) if (labels[key] !== selector[key]) return false;
  return true;
}

/** Terms are ORed; an empty term matches nothing; no terms at all means no constraint. */
function matchesAffinity(terms: readonly NodeSelectorTerm[] | undefined, node: NodeInfo): boolean {
  if (!terms || terms.length === 0) return true;
  return terms.some((term) => matchesTerm(term, node));
}

function matchesTerm(term: NodeSelectorTerm, node: NodeInfo): boolean {
  const expressions = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (expressions.length === 0 && fields.length === 0) return false;
  return (
    expressions.every((req) => matchesRequirement(req, node.labels[req.key])) &&
    fields.every((req) => req.key === 'metadata.name' && matchesRequirement(req, node.name))
  );
}

export function matchesRequirement(req: NodeSelectorRequirement, value: string | undefined): boolean {
  const values = req.values ?? [];
  switch (req.operator) {
    case 'In':
      return value !== undefined && values.includes(value);
    case 'NotIn':
      return value === undefined || !values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
    case 'Lt':
      return compareIntegers(req.operator, value, values[0]);
  }
}

const INTEGER = /^[+-]?\d+$/;

function compareIntegers(operator: 'Gt' | 'Lt', value: string | undefined, bound: string | undefined): boolean {
  if (value === undefined || bound === undefined || !INTEGER.test(value) || !INTEGER.test(bound)) return false;
  const [left, right] = [BigInt(value), BigInt(bound)];
  return operator === 'Gt' ? left > right : left < right;
}

function toleratesAll(tolerations: readonly Toleration[], taints: readonly Taint[]): boolean {
  for (const taint of taints) {
    if (taint.effect === 'PreferNoSchedule') continue;
    if (!tolerations.some((toleration) => tolerates(toleration, taint))) return false;
  }
  return true;
}

/** Kubernetes' ToleratesTaint: an empty key matches every key (validation pairs it with Exists); an absent effect every effect. */
export function tolerates(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect !== undefined && toleration.effect !== taint.effect) return false;
  if ((toleration.key ?? '') !== '' && toleration.key !== taint.key) return false;
  return toleration.operator === 'Exists' || (toleration.value ?? '') === (taint.value ?? '');
}
