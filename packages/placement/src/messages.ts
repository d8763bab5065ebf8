/**
 * One human sentence for a failed placement: which level and constraint failed, how many pods it
 * needed and how many fit in the best candidate, and why the other nodes were filtered out, e.g.
 * "podgroup pcs-0-decode needs 4 pods with nvidia.com/gpu: 8 in one topology.grove.io/rack: the best
 * rack (z0-b1-r0) has room for 3; of 1024 nodes: 2 cordoned, 1 not Ready, 3 with untolerated taints"
 * (the part after the semicolon comes from diagnose.ts).
 */
import { describeRequests, shortKey } from './resources.js';
import type { Failure } from './search.js';

/**
 * When a level failed although its best domain had the capacity in aggregate, the real cause is the
 * nested constraint that failed inside it: report that one instead.
 */
function mostTelling(failure: Failure): Failure {
  let current = failure;
  while (current.inner && current.roomyDomain === true && current.inner.key !== undefined) current = current.inner;
  if (current.key === undefined && current.level.kind !== 'podgroup' && current.level.kind !== 'pod' && current.inner) return mostTelling(current.inner);
  return current;
}

export function failureMessage(failure: Failure): string {
  const f = mostTelling(failure);
  if (f.text !== undefined) return f.text;
  const diagnosis = f.diagnosis ?? '';
  return diagnosis === '' ? headline(f) : `${headline(f)}; ${diagnosis}`;
}

function headline(f: Failure): string {
  const pods = f.needed === 1 ? '1 pod' : `${f.needed} pods`;
  const what = f.perPod ? describeRequests(f.perPod) : describeRequests(f.demand);
  const withWhat = what === '' ? '' : f.perPod || f.needed === 1 ? ` with ${what}` : ` with ${what} in total`;
  const who = `${f.level.kind} ${f.level.name}`;
  if (f.level.kind === 'pod') return `${who} needs${withWhat === '' ? ' a node' : withWhat.replace(' with', '')}: no node has room`;
  if (f.key === undefined) return `${who} needs ${pods}${withWhat}: the nodes have room for ${f.room}`;
  const level = shortKey(f.key);
  if (f.pinned === true) return `${who} needs ${pods}${withWhat} in ${f.key} ${f.domain ?? ''} (where its pods already run): it has room for ${f.room}`;
  if (f.domain === undefined) return `${who} needs ${pods}${withWhat} in one ${f.key}: no candidate node has that label`;
  return `${who} needs ${pods}${withWhat} in one ${f.key}: the best ${level} (${f.domain}) has room for ${f.room}`;
}

