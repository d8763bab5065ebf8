/**
 * Gang termination at PodCliqueSet-replica level (grove-spec §4.2): when a breach of a standalone
 * PodClique or a scaling group outlives `terminationDelay`, every PodClique of that replica is
 * deleted (PCSG members included; PCSGs, Services and PodGangs stay) and recreated from scratch by
 * the next syncs, and the replica's PCSGs are flagged `GangTerminationInProgress`.
 */
import { partOf, soonest } from '@grove/controller-kit';
import { CONDITION_REASON, CONDITION_TYPE, EVENT_REASON, LABEL, PodCliqueGVK, PodCliqueScalingGroupGVK, type PodCliqueScalingGroup, type PodCliqueSet } from '@grove/api';
import { decideReplicaTermination, pcsReplicas, setCondition } from '@grove/planning';
import { KubeApiError } from '@grove/watch-sdk/writes';
import type { ControllerLogger } from '@grove/watch-sdk/controller';
import { type ReconcilerDeps } from '../deps.js';
import { standalonePodCliquesOf } from './sync-podcliques.js';
import { scalingGroupsOf } from './sync-scaling-groups.js';

export interface TerminationOutcome {
  /** Replicas whose PodCliques were deleted in this reconcile. */
  readonly terminated: ReadonlySet<number>;
  /** Replicas breached but still within their delay. */
  readonly breached: ReadonlySet<number>;
  readonly requeueMs: number | undefined;
}

const replicaOf = (o: { metadata: { labels?: Record<string, string> } }) => Number(o.metadata.labels?.[LABEL.podCliqueSetReplicaIndex] ?? -1);

export async function runGangTermination(pcs: PodCliqueSet, deps: ReconcilerDeps, logger: ControllerLogger): Promise<TerminationOutcome> {
  const terminated = new Set<number>();
  const breached = new Set<number>();
  let requeueMs: number | undefined;
  const podCliques = standalonePodCliquesOf(pcs, deps);
  const groups = scalingGroupsOf(pcs, deps);
  for (let i = 0; i < pcsReplicas(pcs); i++) {
    const decision = decideReplicaTermination({
      pcs,
      replicaIndex: i,
      podCliques: podCliques.filter((p) => replicaOf(p) === i),
      scalingGroups: groups.filter((g) => replicaOf(g) === i),
      now: deps.now(),
    });
    if (decision.kind === 'wait') {
      breached.add(i);
      requeueMs = soonest(requeueMs, Math.max(decision.waitMs, 1_000));
    } else if (decision.kind === 'terminate') {
      logger.info({ replica: i, reason: decision.reason }, 'gang terminating PodCliqueSet replica');
      await terminateReplica(pcs, i, groups.filter((g) => replicaOf(g) === i), deps);
      terminated.add(i);
    }
  }
  return { terminated, breached, requeueMs };
}

async function terminateReplica(pcs: PodCliqueSet, replica: number, groups: PodCliqueScalingGroup[], deps: ReconcilerDeps): Promise<void> {
  const victims = partOf(deps.world.podCliques, pcs.metadata.namespace ?? '', pcs.metadata.name ?? '').filter((p) => replicaOf(p) === replica);
  // Members are owned by their PCSG, standalone ones by the PCS: each is removed through its own owner.
  await Promise.all(
    victims.map((pclq) => {
      const owner = pclq.metadata.ownerReferences?.find((r) => r.controller === true);
      const parent = owner && { apiVersion: owner.apiVersion, kind: owner.kind, metadata: { name: owner.name, uid: owner.uid } };
      return parent ? deps.children.remove(PodCliqueGVK, parent, pclq) : Promise.resolve(false);
    }),
  );
  void deps.events.record(pcs, 'Normal', EVENT_REASON.pcsReplicaDeleteSuccessful, `Gang terminated replica ${replica}: deleted ${victims.length} PodCliques`);
  await Promise.all(groups.map((g) => flagTermination(g, deps)));
}

async function flagTermination(group: PodCliqueScalingGroup, deps: ReconcilerDeps): Promise<void> {
  const key = { namespace: group.metadata.namespace ?? '', name: group.metadata.name ?? '' };
  const flag = {
    type: CONDITION_TYPE.gangTerminationInProgress,
    status: 'True',
    reason: CONDITION_REASON.gangTerminationInProgress.gangTerminationActive,
    message: 'PodCliqueSet replica gang terminated: its PodCliques are being recreated',
  } as const;
  try {
    await deps.writer.updateStatus<PodCliqueScalingGroup>(PodCliqueScalingGroupGVK, key, (g) => {
      g.status = { ...g.status, conditions: setCondition(g.status?.conditions, flag, deps.now()) };
    });
  } catch (err) {
    if (!(err instanceof KubeApiError && err.status === 404)) throw err;
  }
}
