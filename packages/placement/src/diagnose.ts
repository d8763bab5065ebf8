/** Why candidate nodes cannot take a pod, counted per reason for failure messages (kube-scheduler style). */
import { staticReason, type StaticReason } from './feasibility.js';
import type { NodeSet } from './nodes.js';
import type { CompiledPod, Reservations } from './reservations.js';
import { POD_SLOT } from './resources.js';
import type { NodeState } from './snapshot.js';

type Reason = StaticReason | 'slots' | `short:${string}` | 'unlabelled';

const PHRASES: Readonly<Record<StaticReason | 'slots' | 'unlabelled', string>> = {
  notReady: 'not Ready',
  cordoned: 'cordoned',
  affinity: 'not matching nodeSelector/affinity',
  taint: 'with untolerated taints',
  slots: 'without a free pod slot',
  unlabelled: 'without the label',
};

/**
 * Counts why candidate nodes cannot take the pod (first reason per node, kube-scheduler style):
 * "of 1024 nodes: 2 cordoned, 1 not Ready, 12 short of nvidia.com/gpu". Empty when none is filtered.
 */
export function diagnose(pod: CompiledPod, candidates: NodeSet, res: Reservations, key?: string): string {
  const counts = new Map<Reason, number>();
  for (const node of candidates.nodes) {
    const reason = reasonFor(pod, node, res, key);
    if (reason) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  }
  if (counts.size === 0) return '';
  const parts = [...counts].map(([reason, count]) => {
    if (reason === 'unlabelled') return `${count} without ${key ?? 'the label'}`;
    if (reason.startsWith('short:')) return `${count} short of ${reason.slice('short:'.length)}`;
    return `${count} ${PHRASES[reason as StaticReason | 'slots']}`;
  });
  const total = candidates.nodes.length;
  return `of ${total} node${total === 1 ? '' : 's'}: ${parts.join(', ')}`;
}

function reasonFor(pod: CompiledPod, node: NodeState, res: Reservations, key?: string): Reason | undefined {
  const fixed = staticReason(pod.request, node.info);
  if (fixed) return fixed;
  const short = res.shortOf(pod, node);
  if (short !== undefined) return short === POD_SLOT ? 'slots' : `short:${short}`;
  if (key !== undefined && node.info.labels[key] === undefined) return 'unlabelled';
  return undefined;
}
