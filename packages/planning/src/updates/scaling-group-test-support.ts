/**
 * A WL1-like scaling group for the PCSG rollout tests: `wl-0-sg-x` with members pc-b (1 pod) and
 * pc-c (3 pods), each replica in one of a few named states. (Test-only code.)
 */
import { scalingGroupPodCliqueName, type PodClique, type PodCliqueScalingGroupUpdateProgress } from '@grove/api';
import { aLivePodClique, aLiveScalingGroup, convergedStatus } from './test-support.js';

export const GEN = 'gen-2';
export const PCSG = 'wl-0-sg-x';
export const TEMPLATE_HASHES = new Map([
  ['pc-b', 'b-2'],
  ['pc-c', 'c-2'],
]);
const PODS: Record<string, number> = { 'pc-b': 1, 'pc-c': 3 };

/**
 * new: recreated and converged; recreating: recreated, pods not up yet; old: previous template,
 * healthy; oldPending: nothing scheduled; oldUnavailable: scheduled, not ready; terminating: old and
 * being deleted; absent: no member PodCliques.
 */
export type ReplicaState = 'new' | 'recreating' | 'old' | 'oldPending' | 'oldUnavailable' | 'terminating' | 'absent';

function member(replicaIndex: number, clique: string, state: ReplicaState): PodClique {
  const pods = PODS[clique] ?? 1;
  const isNew = state === 'new' || state === 'recreating';
  const hash = `${clique.slice(-1)}-${isNew ? 2 : 1}`;
  const status =
    state === 'new'
      ? convergedStatus(hash, GEN, pods)
      : state === 'recreating'
        ? { replicas: pods, scheduledReplicas: 0, readyReplicas: 0, updatedReplicas: pods }
        : {
            ...convergedStatus(hash, 'gen-1', pods),
            ...(state === 'oldPending' && { scheduledReplicas: 0, readyReplicas: 0 }),
            ...(state === 'oldUnavailable' && { readyReplicas: 0 }),
          };
  return aLivePodClique(scalingGroupPodCliqueName({ pcsg: PCSG, replicaIndex }, clique), {
    hash,
    replicas: pods,
    pcsReplica: 0,
    pcsgReplica: replicaIndex,
    terminating: state === 'terminating',
    status,
  });
}

/** Member PodCliques for replica i in `states[i]`. */
export function members(states: readonly ReplicaState[]): PodClique[] {
  return states.flatMap((state, i) => (state === 'absent' ? [] : ['pc-b', 'pc-c'].map((clique) => member(i, clique, state))));
}

export function scalingGroup(replicas: number, minAvailable: number, updateProgress?: PodCliqueScalingGroupUpdateProgress) {
  return aLiveScalingGroup(PCSG, {
    cliqueNames: ['pc-b', 'pc-c'],
    replicas,
    minAvailable,
    ...(updateProgress !== undefined && { status: { updateProgress } }),
  });
}
