/**
 * Scenario SG3 (grove-spec §4.1, §4.3, §4.4; e2e GT-5 / GT-4's middle step): PodCliqueScalingGroup-
 * replica gang termination. One group replica's member clique is breached (scheduled <
 * minAvailable: its pods run on the test's own KWOK nodes, which are cordoned before a pod is
 * deleted, so the replacement stays Pending) while the group keeps minAvailable healthy replicas.
 * After `terminationDelay` (4 s) the scalinggroup-controller deletes that replica's PodCliques and
 * recreates them; the other replica, the standalone clique and the PodCliqueSet replica are left
 * alone, and the fresh PodCliques (never scheduled) do not fire again.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { EVENT_REASON, LABEL, PodCliqueGVK, PodCliqueScalingGroupGVK, PodCliqueSetGVK, type PodClique, type PodCliqueScalingGroup } from '@grove/api';
import { createDedicatedNodes, eventually, type DedicatedNodes } from '@grove/testing';
import type { V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { deniedRequests, eventuallyUnlessDenied, useGroveControllers, type GroveEnv } from './support/grove-suite.js';
import { isRunningAndReady, label, podsOfPcs } from './support/kube.js';
import { groupName, groupPcs, podCliquesOf, podCount, replicaCliques, routerName, uidsByName, type GroupWorkload } from './support/scaling-group.js';
import { scenario, SCENARIO_TIMEOUT_MS } from './support/steps.js';
import { groveSource, podSource, Timeline } from './support/timeline.js';
import { waitForReadyPods, WORKLOAD_TIMEOUT_MS } from './support/workloads.js';

const DELAY_S = 4;
/** §4.1: a loss within 5 s of a PodClique's creation is start-up churn, never a breach. */
const EVER_SCHEDULED_GATE_MS = 5_000;
/** Long enough (delay + gate + a 5 s poll) for a wrongly armed fresh PodClique to fire again. */
const NO_REFIRE_WAIT_MS = DELAY_S * 1_000 + EVER_SCHEDULED_GATE_MS + 5_000;
const WAIT = { timeoutMs: WORKLOAD_TIMEOUT_MS, intervalMs: 500 };

const ms = (value: Date | string | undefined): number | undefined => (value === undefined ? undefined : new Date(value).getTime());

interface CliqueState {
  readonly name: string;
  readonly uid: string;
  /** `MinAvailableBreached` status and its lastTransitionTime (ms). */
  readonly breached: string | undefined;
  readonly reason: string | undefined;
  readonly breachedAt: number | undefined;
  readonly deletingAt: number | undefined;
}

function cliqueState(pclq: PodClique): CliqueState {
  const breach = pclq.status?.conditions?.find((c) => c.type === 'MinAvailableBreached');
  return {
    name: pclq.metadata.name ?? '',
    uid: pclq.metadata.uid ?? '',
    breached: breach?.status,
    reason: breach?.reason,
    breachedAt: ms(breach?.lastTransitionTime),
    deletingAt: ms(pclq.metadata.deletionTimestamp),
  };
}

interface PodState {
  readonly name: string;
  readonly podClique: string;
  readonly terminating: boolean;
}

const podState = (pod: V1Pod): PodState => ({
  name: pod.metadata?.name ?? '',
  podClique: label(pod, LABEL.podClique) ?? '',
  terminating: pod.metadata?.deletionTimestamp !== undefined,
});

interface GroupState {
  readonly breached: string | undefined;
  readonly terminating: string | undefined;
}

const groupState = (pcsg: PodCliqueScalingGroup): GroupState => ({
  breached: pcsg.status?.conditions?.find((c) => c.type === 'MinAvailableBreached')?.status,
  terminating: pcsg.status?.conditions?.find((c) => c.type === 'GangTerminationInProgress')?.status,
});

const condition = (pclq: PodClique, type: string) => pclq.status?.conditions?.find((c) => c.type === type);

/** Deletes the PodCliqueSet and waits for its pods to go, so the nodes they are bound to can go after them. */
async function tearDown(env: GroveEnv, pcs: string, nodes: DedicatedNodes | undefined): Promise<void> {
  await env.grove.delete(PodCliqueSetGVK, { namespace: env.namespace, name: pcs }).catch(() => undefined);
  await eventually(async () => expect((await podsOfPcs(env.kc, env.namespace, pcs)).length, `pods of ${pcs}`).toBe(0), { timeoutMs: 60_000, intervalMs: 1_000 }).catch(
    () => undefined,
  );
  await nodes?.remove();
}

describe('PodCliqueScalingGroup-replica gang termination', () => {
  const env = useGroveControllers('group-gt');

  for (const broken of [0, 1]) {
    const gang = broken === 0 ? 'the base PodGang' : 'a scaled PodGang';
    it(`SG3 replica ${broken} (in ${gang}) breached past terminationDelay ${DELAY_S}s: only its PodCliques and pods are recreated; replica ${1 - broken} and the router keep their pods`, async (ctx) => {
      const step = scenario(ctx, `SG3 group-replica gang termination, replica ${broken}`);
      const { grove, core, kc, namespace } = env();
      const pcs = `gt-r${broken}`;
      const pcsg = groupName(pcs);
      const brokenCliques = replicaCliques(pcs, broken);
      const keptCliques = [routerName(pcs), ...replicaCliques(pcs, 1 - broken)];
      const victimClique = `${pcsg}-${broken}-worker`;
      let nodes: DedicatedNodes | undefined;
      const timelines: { stop(): void }[] = [];

      try {
        step('2 KWOK nodes of this test (labelled and tainted with its pool)');
        nodes = await createDedicatedNodes(kc, `${namespace}-r${broken}`, 2);
        const w: GroupWorkload = {
          name: pcs,
          namespace,
          groupReplicas: 2,
          groupMinAvailable: 1,
          worker: { replicas: 2, minAvailable: 2 },
          terminationDelay: `${DELAY_S}s`,
          placement: nodes.podPlacement,
        };

        step(`create ${pcs}: router (1) + PCSG sg of leader (1/1) and worker (2/2), 2 replicas, minAvailable 1, terminationDelay ${DELAY_S}s`);
        await grove.create(PodCliqueSetGVK, groupPcs(w));
        await waitForReadyPods(env(), pcs, podCount(w));
        const before = await eventuallyUnlessDenied(
          env(),
          'every PodClique PodCliqueScheduled=True and not breached',
          async () => {
            const podCliques = await podCliquesOf(env(), pcs);
            expect(podCliques.length, 'PodCliques').toBe(5);
            for (const pclq of podCliques) {
              expect(condition(pclq, 'PodCliqueScheduled')?.status, `PodCliqueScheduled of ${pclq.metadata.name ?? ''}`).toBe('True');
              expect(condition(pclq, 'MinAvailableBreached')?.status, `MinAvailableBreached of ${pclq.metadata.name ?? ''}`).toBe('False');
            }
            return podCliques;
          },
          WAIT,
        );
        const cliqueUids = uidsByName(before);
        const podsBefore = await podsOfPcs(kc, namespace, pcs);

        const youngest = Math.max(...before.map((p) => ms(p.metadata.creationTimestamp) ?? Date.now()));
        const age = youngest + EVER_SCHEDULED_GATE_MS + 1_000 - Date.now();
        step(`let the PodCliques age past the §4.1 "ever scheduled" gate (${Math.max(0, age)} ms more)`);
        if (age > 0) await sleep(age);

        step('follow every change of the PodCliques, the PCSG and the pods from here on');
        const cliques = await Timeline.start(groveSource(grove, PodCliqueGVK, namespace, `${LABEL.partOf}=${pcs}`), cliqueState);
        timelines.push(cliques);
        const group = await Timeline.start(groveSource(grove, PodCliqueScalingGroupGVK, namespace, `${LABEL.partOf}=${pcs}`), groupState, [
          (states) => ([...states.values()].some((s) => s.breached === 'True') ? 'the PCSG reported MinAvailableBreached=True' : undefined),
          (states) => ([...states.values()].some((s) => s.terminating === 'True') ? 'the PCSG was marked GangTerminationInProgress (PCS-level termination)' : undefined),
        ]);
        timelines.push(group);
        const pods = await Timeline.start(podSource(kc, namespace, `${LABEL.partOf}=${pcs}`), podState);
        timelines.push(pods);

        step(`cordon the nodes and delete one pod of ${victimClique} (minAvailable 2): its replacement stays Pending`);
        await nodes.cordon(true);
        const victim = podsBefore.find((p) => label(p, LABEL.podClique) === victimClique);
        await core.deleteNamespacedPod({ namespace, name: victim?.metadata?.name ?? '' });

        step(`wait until ${brokenCliques.join(' and ')} are recreated (new uids)`);
        const recreated = await eventuallyUnlessDenied(
          env(),
          `new PodCliques ${brokenCliques.join(', ')}`,
          async () => {
            const now = uidsByName(await podCliquesOf(env(), pcs));
            for (const name of brokenCliques) {
              expect(now.get(name), `uid of ${name}`).toBeDefined();
              expect(now.get(name), `uid of ${name} (recreated)`).not.toBe(cliqueUids.get(name));
            }
            return now;
          },
          WAIT,
        );

        step(`the old ${victimClique} was breached (ScheduledReplicasBelowMinAvailable) and deleted no earlier than ${DELAY_S}s after`);
        const oldVictim = cliques.transitions.filter((t) => t.uid === cliqueUids.get(victimClique)).map((t) => t.state);
        const breach = oldVictim.find((s) => s.breached === 'True');
        expect(breach?.reason, `reason of MinAvailableBreached=True on the old ${victimClique}`).toBe('ScheduledReplicasBelowMinAvailable');
        const breachedAt = breach?.breachedAt;
        const deletedAt = oldVictim.find((s) => s.deletingAt !== undefined)?.deletingAt;
        expect(breachedAt, `MinAvailableBreached=True on the old ${victimClique}: ${JSON.stringify(oldVictim)}`).toBeDefined();
        expect(deletedAt, `deletionTimestamp of the old ${victimClique}: ${JSON.stringify(oldVictim)}`).toBeDefined();
        // Both are whole seconds, truncated: the true gap of ≥ 4 s reads as more than 3 s.
        expect(((deletedAt ?? 0) - (breachedAt ?? 0)) / 1000, 'seconds from the breach to the deletion').toBeGreaterThanOrEqual(DELAY_S - 1);

        step(`only replica ${broken}'s PodCliques were deleted; ${keptCliques.join(', ')} kept their uids`);
        const deletedCliques = [...new Set(cliques.transitions.filter((t) => t.state.deletingAt !== undefined || t.change === 'deleted').map((t) => t.state.name))].sort();
        expect(deletedCliques, 'PodCliques deleted').toEqual([...brokenCliques].sort());
        for (const name of keptCliques) expect(recreated.get(name), `uid of ${name}`).toBe(cliqueUids.get(name));
        await eventuallyUnlessDenied(
          env(),
          `PodCliqueScalingGroupReplicaDeleteSuccessful event on ${pcsg}`,
          async () => {
            const events = await core.listNamespacedEvent({ namespace, fieldSelector: `involvedObject.name=${pcsg}` });
            expect(events.items.map((e) => e.reason), `events of ${pcsg}`).toContain(EVENT_REASON.pcsgReplicaDeleteSuccessful);
          },
          { timeoutMs: 30_000, intervalMs: 1_000 },
        );

        step(`the fresh PodCliques were never scheduled, so they do not fire again (watch ${NO_REFIRE_WAIT_MS / 1000}s with the nodes cordoned)`);
        await sleep(NO_REFIRE_WAIT_MS);
        const later = uidsByName(await podCliquesOf(env(), pcs));
        for (const name of brokenCliques) expect(later.get(name), `uid of ${name} ${NO_REFIRE_WAIT_MS / 1000}s after its recreation`).toBe(recreated.get(name));

        step('uncordon: the recreated replica comes up; every pod Ready');
        await nodes.cordon(false);
        const after = await waitForReadyPods(env(), pcs, podCount(w));
        expect(uidsByName(await podCliquesOf(env(), pcs)), 'PodCliques once recovered: no second termination').toEqual(recreated);

        step(`pods: those of ${keptCliques.join(', ')} the same (uid) and never deleted; replica ${broken}'s all new`);
        const keptBefore = podsBefore.filter((p) => keptCliques.includes(label(p, LABEL.podClique) ?? ''));
        const keptAfter = after.filter((p) => keptCliques.includes(label(p, LABEL.podClique) ?? ''));
        expect(uidsByName(keptAfter), `pods of ${keptCliques.join(', ')}`).toEqual(uidsByName(keptBefore));
        expect(keptAfter.every(isRunningAndReady), 'they are Running and Ready').toBe(true);
        const oldUids = new Set(podsBefore.map((p) => p.metadata?.uid));
        const brokenAfter = after.filter((p) => brokenCliques.includes(label(p, LABEL.podClique) ?? ''));
        expect(brokenAfter.length, `pods of replica ${broken}`).toBe(3);
        expect(brokenAfter.filter((p) => oldUids.has(p.metadata?.uid)).map((p) => p.metadata?.name), `old pods of replica ${broken} still there`).toEqual([]);

        const deletedPods = pods.transitions.filter((t) => t.state.terminating || t.change === 'deleted').map((t) => t.state);
        const deletedOutside = [...new Set(deletedPods.filter((s) => !brokenCliques.includes(s.podClique)).map((s) => s.name))];
        expect(deletedOutside, `pods deleted outside replica ${broken}`).toEqual([]);
        const created = (pclq: string) => new Set(pods.transitions.filter((t) => t.change === 'added' && t.state.podClique === pclq).map((t) => t.uid)).size;
        // leader: the recreated one; worker: the victim's replacement, then the 2 of the recreated PodClique.
        expect({ leader: created(brokenCliques[0] ?? ''), worker: created(victimClique) }, `pods created for replica ${broken} after the start of the watch`).toEqual({
          leader: 1,
          worker: 3,
        });

        step('the PCSG was never breached, the PodCliqueSet replica never terminated');
        expect(group.violations, 'PCSG conditions seen').toEqual([]);
        expect([...cliques.gaps, ...group.gaps, ...pods.gaps], 'gaps in the watches').toEqual([]);
        await eventually(
          async () => expect((await grove.get(PodCliqueSetGVK, { namespace, name: pcs })).status?.availableReplicas, 'PodCliqueSet availableReplicas').toBe(1),
          { timeoutMs: 30_000, intervalMs: 1_000 },
        );

        step('no request of either controller was refused (RBAC)');
        expect(deniedRequests(env()), 'requests the API server refused to the controllers during this test').toEqual([]);
      } finally {
        for (const t of timelines) t.stop();
        await tearDown(env(), pcs, nodes);
      }
    }, SCENARIO_TIMEOUT_MS);
  }
});
