/**
 * Scenario SG1/SG2 (grove-spec §1.3, §2.4, §3.1, §7; docs/scaling-groups.md): which PodGang each
 * PodCliqueScalingGroup replica's PodCliques and pods belong to, for minAvailable 1 and 2, and a
 * group scaled 2 → 4 → 1 through its scale subresource: PodCliques, pods, PodGangs and the PCSG's
 * status follow, replica 0 and the standalone clique are never touched, nothing is left behind.
 */
import { LABEL, PodCliqueGVK, PodCliqueScalingGroupGVK, PodCliqueSetGVK, PodGangGVK } from '@grove/api';
import { eventually } from '@grove/testing';
import { describe, expect, it } from 'vitest';
import { deniedRequests, eventuallyUnlessDenied, useGroveControllers, type GroveEnv } from './support/grove-suite.js';
import { exists, label, podName, podsOfPcs, sortedNames } from './support/kube.js';
import {
  baseGang,
  checkGangMembership,
  expectedGangs,
  groupName,
  groupPcs,
  memberCliques,
  podCliquesOf,
  podCount,
  replicaCliques,
  routerName,
  uidsByName,
  type GroupWorkload,
} from './support/scaling-group.js';
import { scenario, SCENARIO_TIMEOUT_MS } from './support/steps.js';
import { waitForReadyPods, WORKLOAD_TIMEOUT_MS } from './support/workloads.js';

const STATUS_TIMEOUT_MS = 60_000;

/** §1.3: the PCSG's `status.selector`, which its scale subresource publishes. */
const selectorOf = (pcs: string) => `app.kubernetes.io/managed-by=grove-operator,app.kubernetes.io/part-of=${pcs},grove.io/podcliquescalinggroup=${groupName(pcs)}`;

/** Waits until the PCSG's status (§1.3, §1.7) and its scale subresource show `replicas` replicas, all scheduled and available. */
async function waitForGroupStatus(env: GroveEnv, pcs: string, replicas: number): Promise<void> {
  const key = { namespace: env.namespace, name: groupName(pcs) };
  await eventuallyUnlessDenied(
    env,
    `PCSG ${key.name} status with ${replicas} available replicas`,
    async () => {
      const pcsg = await env.grove.get(PodCliqueScalingGroupGVK, key);
      expect(pcsg.status?.replicas, 'PCSG status.replicas').toBe(replicas);
      expect(pcsg.status?.scheduledReplicas, 'PCSG status.scheduledReplicas').toBe(replicas);
      expect(pcsg.status?.availableReplicas, 'PCSG status.availableReplicas').toBe(replicas);
      expect(pcsg.status?.selector, 'PCSG status.selector').toBe(selectorOf(pcs));
      expect(pcsg.status?.observedGeneration, 'PCSG status.observedGeneration').toBe(pcsg.metadata.generation);
      const breach = pcsg.status?.conditions?.find((c) => c.type === 'MinAvailableBreached');
      expect({ status: breach?.status, reason: breach?.reason }, 'PCSG condition MinAvailableBreached').toEqual({
        status: 'False',
        reason: 'SufficientAvailablePodCliqueScalingGroupReplicas',
      });
      const scale = await env.grove.getScale(PodCliqueScalingGroupGVK, key);
      expect(scale.spec?.replicas, 'scale spec.replicas').toBe(replicas);
      expect(scale.status?.replicas, 'scale status.replicas').toBe(replicas);
      expect(scale.status?.selector, 'scale status.selector').toBe(selectorOf(pcs));
    },
    { timeoutMs: STATUS_TIMEOUT_MS, intervalMs: 1_000 },
  );
}

/**
 * Waits until exactly the workload at `groupReplicas` replicas exists and is Ready: its PodCliques,
 * its PodGangs (Initialized, every pod referenced), its pods and nothing else — no PodClique, pod
 * (not even a terminating one) or PodGang of a replica ≥ `groupReplicas`.
 */
async function waitForGroupReplicas(env: GroveEnv, w: GroupWorkload, groupReplicas: number): Promise<void> {
  await eventuallyUnlessDenied(
    env,
    `${w.name} at ${groupReplicas} group replicas`,
    async () => {
      const all = await podsOfPcs(env.kc, env.namespace, w.name);
      const stray = all.filter((p) => Number(label(p, LABEL.podCliqueScalingGroupReplicaIndex) ?? '0') >= groupReplicas).map(podName);
      expect(stray, `pods (terminating or not) of group replicas ≥ ${groupReplicas}`).toEqual([]);
      const pods = await waitForReadyPods(env, w.name, podCount(w, groupReplicas), 1);
      await checkGangMembership(env, w, groupReplicas, pods);
    },
    { timeoutMs: WORKLOAD_TIMEOUT_MS, intervalMs: 1_000 },
  );
}

describe('PodCliqueScalingGroups: gang membership and scaling', () => {
  const env = useGroveControllers('groups');

  for (const minAvailable of [1, 2]) {
    it(`SG1 minAvailable ${minAvailable} of 3 group replicas: replicas 0..${minAvailable - 1} in the base PodGang, each further one a scaled PodGang <pcsg>-<r-${minAvailable}> with grove.io/base-podgang`, async (ctx) => {
      const step = scenario(ctx, `SG1 gang membership, minAvailable ${minAvailable}`);
      const { grove, namespace } = env();
      const w: GroupWorkload = { name: `members-min${minAvailable}`, namespace, groupReplicas: 3, groupMinAvailable: minAvailable };
      const gangs = expectedGangs(w, 3);

      step(`create ${w.name}: router (1 pod) + PCSG sg of leader (1 pod) and worker (2 pods, minAvailable 1), 3 replicas, minAvailable ${minAvailable}`);
      await grove.create(PodCliqueSetGVK, groupPcs(w));
      await waitForReadyPods(env(), w.name, podCount(w));

      step(`expect PodGangs ${[...gangs].map(([gang, members]) => `${gang} {${members.join(', ')}}`).join('; ')}`);
      await eventually(async () => checkGangMembership(env(), w, 3, await waitForReadyPods(env(), w.name, podCount(w), 1)), {
        timeoutMs: STATUS_TIMEOUT_MS,
        intervalMs: 1_000,
      });

      step('the labels of each PodClique name its group replica and its gang as §2.4 builds them');
      for (const pclq of await podCliquesOf(env(), w.name)) {
        const name = pclq.metadata.name ?? '';
        if (name === routerName(w.name)) {
          expect(label(pclq, LABEL.podCliqueScalingGroup), `${LABEL.podCliqueScalingGroup} of the standalone ${name}`).toBeUndefined();
          continue;
        }
        const r = Number(/-sg-(\d+)-/.exec(name)?.[1]);
        expect(label(pclq, LABEL.podCliqueScalingGroup), `${LABEL.podCliqueScalingGroup} of ${name}`).toBe(groupName(w.name));
        expect(label(pclq, LABEL.podCliqueScalingGroupReplicaIndex), `${LABEL.podCliqueScalingGroupReplicaIndex} of ${name}`).toBe(String(r));
        expect(label(pclq, LABEL.podGang), `${LABEL.podGang} of ${name}`).toBe(r < minAvailable ? baseGang(w.name) : `${groupName(w.name)}-${r - minAvailable}`);
      }

      step('no request of either controller was refused (RBAC)');
      expect(deniedRequests(env()), 'requests the API server refused to the controllers during this test').toEqual([]);
    }, SCENARIO_TIMEOUT_MS);
  }

  it('SG2 scale subresource 2 → 4 → 1: PodCliques, pods, PodGangs and PCSG status follow; replica 0 and the router untouched; nothing orphaned', async (ctx) => {
    const step = scenario(ctx, 'SG2 PCSG scale 2 → 4 → 1');
    const { grove, namespace } = env();
    const w: GroupWorkload = { name: 'scale', namespace, groupReplicas: 2, groupMinAvailable: 1 };
    const key = { namespace, name: groupName(w.name) };

    step(`create ${w.name}: router + PCSG sg (leader 1, worker 2), 2 replicas, minAvailable 1`);
    await grove.create(PodCliqueSetGVK, groupPcs(w));
    await waitForGroupReplicas(env(), w, 2);
    await waitForGroupStatus(env(), w.name, 2);
    const keptCliques = [routerName(w.name), ...replicaCliques(w.name, 0)];
    const cliqueUids = uidsByName((await podCliquesOf(env(), w.name)).filter((p) => keptCliques.includes(p.metadata.name ?? '')));
    const keptPods = (await podsOfPcs(env().kc, namespace, w.name)).filter((p) => keptCliques.includes(label(p, LABEL.podClique) ?? ''));
    expect(keptPods.length, `pods of ${keptCliques.join(', ')}`).toBe(4);

    step('setScale 2 → 4');
    await grove.setScale(PodCliqueScalingGroupGVK, key, 4);

    step(`wait for replicas 2 and 3: PodCliques, ${podCount(w, 4)} Ready pods, scaled PodGangs ${groupName(w.name)}-0..2 Initialized`);
    await waitForGroupReplicas(env(), w, 4);
    expect(sortedNames(await podCliquesOf(env(), w.name)), 'PodCliques at 4 replicas').toEqual([routerName(w.name), ...memberCliques(w.name, 4)].sort());

    step('PCSG status and scale subresource: replicas 4, availableReplicas 4, selector');
    await waitForGroupStatus(env(), w.name, 4);

    step('setScale 4 → 1');
    await grove.setScale(PodCliqueScalingGroupGVK, key, 1);

    step('wait until replicas 1..3 are gone: their PodCliques, all their pods, their PodGangs; the base gang stays Initialized');
    await waitForGroupReplicas(env(), w, 1);
    for (const r of [1, 2, 3]) {
      for (const pclq of replicaCliques(w.name, r)) {
        expect(await exists(() => grove.get(PodCliqueGVK, { namespace, name: pclq })), `PodClique ${pclq}`).toBe(false);
      }
    }
    for (const k of [0, 1, 2]) {
      expect(await exists(() => grove.get(PodGangGVK, { namespace, name: `${groupName(w.name)}-${k}` })), `PodGang ${groupName(w.name)}-${k}`).toBe(false);
    }

    step('PCSG status and scale subresource: replicas 1, availableReplicas 1');
    await waitForGroupStatus(env(), w.name, 1);

    step('nothing orphaned: every pod belongs to a live PodClique, every member PodClique to replica 0');
    const podCliques = await podCliquesOf(env(), w.name);
    expect(sortedNames(podCliques), 'PodCliques').toEqual(keptCliques.sort());
    const all = await podsOfPcs(env().kc, namespace, w.name);
    expect(all.filter((p) => !keptCliques.includes(label(p, LABEL.podClique) ?? '')).map(podName), 'pods of no live PodClique').toEqual([]);
    expect(sortedNames((await grove.list(PodGangGVK, { namespace, labelSelector: `${LABEL.partOf}=${w.name}` })).items), 'PodGangs').toEqual([baseGang(w.name)]);

    step('replica 0 and the router were never touched: same PodCliques (uid), same pods (uid)');
    expect(uidsByName(podCliques), 'uids of the PodCliques of replica 0 and the router').toEqual(cliqueUids);
    expect(uidsByName(all), 'uids of the pods of replica 0 and the router').toEqual(uidsByName(keptPods));

    step('no request of either controller was refused (RBAC)');
    expect(deniedRequests(env()), 'requests the API server refused to the controllers during this test').toEqual([]);
  }, SCENARIO_TIMEOUT_MS);
});
