/**
 * Scenario SG5 (grove-spec §2.4; crash safety of the scalinggroup-controller): a PCSG scaled 1 → 20
 * replicas (leader + worker, one pod each) through its scale subresource; the scalinggroup-controller
 * is SIGKILLed as soon as the first new member PodClique appears (creates possibly in flight) and
 * started again. From what the API server holds, the new process must end with exactly the 40
 * wanted PodCliques and 40 pods — never a PodClique created twice or deleted, never a pod more —
 * counted from watches that start before the scale-out.
 */
import { LABEL, PodCliqueGVK, PodCliqueScalingGroupGVK, PodCliqueSetGVK, PodGangGVK, type PodClique } from '@grove/api';
import type { V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { deniedRequests, eventuallyUnlessDenied, useGroveControllers } from './support/grove-suite.js';
import { label, podGangInitialized, sortedNames } from './support/kube.js';
import { baseGang, groupName, groupPcs, memberCliques, podCount, type GroupWorkload } from './support/scaling-group.js';
import { scenario, SCENARIO_TIMEOUT_MS } from './support/steps.js';
import { groveSource, podSource, Timeline } from './support/timeline.js';
import { waitForReadyPods } from './support/workloads.js';

const PCS = 'crash';
const REPLICAS = 20;
/** 38 PodCliques and their pods created, gated, ungated, scheduled and started after a restart. */
const FILL_TIMEOUT_MS = 150_000;

interface Seen {
  readonly name: string;
  readonly deleting: boolean;
}

const cliqueSeen = (pclq: PodClique): Seen => ({ name: pclq.metadata.name ?? '', deleting: pclq.metadata.deletionTimestamp !== undefined });
const podSeen = (pod: V1Pod): Seen => ({ name: pod.metadata?.name ?? '', deleting: pod.metadata?.deletionTimestamp !== undefined });

/** Distinct uids ever seen, and those seen deleted or deleting. */
function census<T>(timeline: Timeline<T, Seen>): { uids: Set<string>; names: Set<string>; deleted: string[] } {
  const uids = new Set([...timeline.current().keys(), ...timeline.transitions.map((t) => t.uid)]);
  const names = new Set([...timeline.current().values(), ...timeline.transitions.map((t) => t.state)].map((s) => s.name));
  const deleted = [...new Set(timeline.transitions.filter((t) => t.change === 'deleted' || t.state.deleting).map((t) => t.state.name))];
  return { uids, names, deleted };
}

describe('crash safety of the scalinggroup-controller', () => {
  const env = useGroveControllers('group-crash');

  it(`SG5 SIGKILL during a PCSG scale-out 1 → ${REPLICAS}: a restart ends with exactly the ${2 * REPLICAS} wanted PodCliques and pods, none created twice`, async (ctx) => {
    const step = scenario(ctx, 'SG5 crash during group scale-out');
    const { grove, kc, namespace, scalingGroupController } = env();
    const w: GroupWorkload = { name: PCS, namespace, groupReplicas: 1, groupMinAvailable: 1, routerReplicas: 0, worker: { replicas: 1, minAvailable: 1 } };
    const key = { namespace, name: groupName(PCS) };
    const selector = `${LABEL.partOf}=${PCS}`;

    step(`create ${PCS}: PCSG sg of leader (1 pod) and worker (1 pod), 1 replica`);
    await grove.create(PodCliqueSetGVK, groupPcs(w));
    await waitForReadyPods(env(), PCS, podCount(w));

    step('watch every PodClique and pod of the PodCliqueSet from here on');
    const cliques = await Timeline.start(groveSource(grove, PodCliqueGVK, namespace, selector), cliqueSeen);
    const pods = await Timeline.start(podSource(kc, namespace, selector), podSeen);
    try {
      step(`setScale 1 → ${REPLICAS}; SIGKILL the scalinggroup-controller (pid ${String(scalingGroupController.pid)}) at the first new PodClique`);
      await grove.setScale(PodCliqueScalingGroupGVK, key, REPLICAS);
      await cliques.until((states) => states.size > 2);
      const atKill = cliques.current().size;
      await scalingGroupController.kill();
      const afterKill = cliques.current().size;
      expect(atKill, 'PodCliques when the controller was killed: the kill must come before the scale-out is done').toBeLessThan(2 * REPLICAS);
      const atRestart = (await grove.list(PodCliqueGVK, { namespace, labelSelector: selector })).items.length;
      step(`killed with ${atKill} PodCliques seen (${afterKill} once it was gone, ${atRestart} listed now, of ${2 * REPLICAS}); restart it`);
      const readyMs = await scalingGroupController.start();

      step(`restarted (ready after ${(readyMs / 1000).toFixed(1)}s); wait for exactly the ${2 * REPLICAS} PodCliques of replicas 0..${REPLICAS - 1} and ${podCount(w, REPLICAS)} pods Ready`);
      const wanted = memberCliques(PCS, REPLICAS);
      await eventuallyUnlessDenied(
        env(),
        `${REPLICAS} group replicas of ${PCS}`,
        async () => {
          expect(census(cliques).uids.size, 'distinct PodClique uids ever seen').toBeLessThanOrEqual(wanted.length);
          expect(sortedNames((await grove.list(PodCliqueGVK, { namespace, labelSelector: selector })).items), 'PodCliques').toEqual(wanted);
          const ready = await waitForReadyPods(env(), PCS, podCount(w, REPLICAS), 1);
          expect(sortedNames(ready.map((p) => ({ metadata: { name: label(p, LABEL.podClique) ?? '' } }))), 'the PodClique of each pod').toEqual(wanted);
        },
        { timeoutMs: FILL_TIMEOUT_MS, intervalMs: 1_000 },
      );

      step(`PCSG status replicas ${REPLICAS}, availableReplicas ${REPLICAS}; PodGangs: base + ${REPLICAS - 1} scaled, all Initialized`);
      await eventuallyUnlessDenied(
        env(),
        `PCSG status and PodGangs of ${PCS}`,
        async () => {
          const pcsg = await grove.get(PodCliqueScalingGroupGVK, key);
          expect(pcsg.status?.replicas, 'PCSG status.replicas').toBe(REPLICAS);
          expect(pcsg.status?.availableReplicas, 'PCSG status.availableReplicas').toBe(REPLICAS);
          const gangs = (await grove.list(PodGangGVK, { namespace, labelSelector: selector })).items;
          const scaled = Array.from({ length: REPLICAS - 1 }, (_, k) => `${groupName(PCS)}-${k}`);
          expect(sortedNames(gangs), 'PodGangs').toEqual([baseGang(PCS), ...scaled].sort());
          expect(gangs.filter((g) => podGangInitialized(g) !== 'True').map((g) => g.metadata.name), 'PodGangs not Initialized').toEqual([]);
        },
        { timeoutMs: 60_000, intervalMs: 1_000 },
      );

      step(`over the whole run: ${2 * REPLICAS} PodCliques and ${podCount(w, REPLICAS)} pods ever existed, none deleted`);
      const seenCliques = census(cliques);
      const seenPods = census(pods);
      expect([...cliques.gaps, ...pods.gaps], 'gaps in the watches').toEqual([]);
      expect([...seenCliques.names].sort(), 'distinct PodClique names ever seen').toEqual(wanted);
      expect(seenCliques.uids.size, `distinct PodClique uids ever seen (a PodClique created twice has two)`).toBe(wanted.length);
      expect(seenCliques.deleted, 'PodCliques deleted during the run').toEqual([]);
      expect(seenPods.uids.size, 'distinct pods ever seen').toBe(podCount(w, REPLICAS));
      expect(seenPods.deleted, 'pods deleted during the run').toEqual([]);

      step('no request of either controller was refused (RBAC)');
      expect(deniedRequests(env()), 'requests the API server refused to the controllers during this test').toEqual([]);
    } finally {
      cliques.stop();
      pods.stop();
    }
  }, SCENARIO_TIMEOUT_MS);
});
