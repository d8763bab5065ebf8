/**
 * V1Node → the placement model's NodeInfo, and whether a node change can make a parked gang fit
 * (so that unschedulable gangs are retried on changes that may help, not on every heartbeat).
 */
import type { V1Node } from '@kubernetes/client-node';
import { resourcesOf, type NodeInfo, type Taint } from '@grove/placement';

const EFFECTS = new Set(['NoSchedule', 'PreferNoSchedule', 'NoExecute']);

export function toNodeInfo(node: V1Node): NodeInfo {
  const taints: Taint[] = (node.spec?.taints ?? [])
    .filter((t) => EFFECTS.has(t.effect))
    .map((t) => ({ key: t.key, ...(t.value !== undefined && { value: t.value }), effect: t.effect as Taint['effect'] }));
  return {
    name: node.metadata?.name ?? '',
    labels: node.metadata?.labels ?? {},
    allocatable: resourcesOf(node.status?.allocatable as Readonly<Record<string, string>> | undefined),
    taints,
    unschedulable: node.spec?.unschedulable === true,
    ready: node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false,
  };
}

function sameTaint(a: Taint, b: Taint): boolean {
  return a.key === b.key && a.value === b.value && a.effect === b.effect;
}

function labelsChanged(a: NodeInfo, b: NodeInfo): boolean {
  const keys = new Set([...Object.keys(a.labels), ...Object.keys(b.labels)]);
  for (const key of keys) if (a.labels[key] !== b.labels[key]) return true;
  return false;
}

/**
 * True when `next` may admit a pod `old` did not: a new node, uncordoned, turned Ready, more of
 * some allocatable resource, a taint removed, or labels changed (a selector or a topology domain
 * may match now). Heartbeats and shrinking changes return false.
 */
export function nodeChangeCanHelp(old: NodeInfo | undefined, next: NodeInfo): boolean {
  if (old === undefined) return true;
  if (old.unschedulable && !next.unschedulable) return true;
  if (!old.ready && next.ready) return true;
  for (const [resource, amount] of Object.entries(next.allocatable)) if (amount > (old.allocatable[resource] ?? 0)) return true;
  if (old.taints.some((t) => !next.taints.some((n) => sameTaint(t, n)))) return true;
  return labelsChanged(old, next);
}

/** True when the placement-relevant facts differ (a heartbeat changes none of them). */
export function nodeInfoChanged(old: NodeInfo | undefined, next: NodeInfo): boolean {
  if (old === undefined) return true;
  if (old.unschedulable !== next.unschedulable || old.ready !== next.ready || labelsChanged(old, next)) return true;
  if (old.taints.length !== next.taints.length || old.taints.some((t, i) => !sameTaint(t, next.taints[i] as Taint))) return true;
  const resources = new Set([...Object.keys(old.allocatable), ...Object.keys(next.allocatable)]);
  for (const r of resources) if (old.allocatable[r] !== next.allocatable[r]) return true;
  return false;
}
