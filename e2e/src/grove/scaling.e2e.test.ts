/**
 * Scenario B: a PodCliqueScalingGroup scaled through its scale subresource (as `kubectl scale` or
 * an HPA would). Out: a new scaled PodGang with the new replica's PodCliques and pods. In: the
 * highest replica's PodCliques and its PodGang go, the other replicas are left untouched.
 */
import { LABEL, PodCliqueGVK, PodCliqueScalingGroupGVK, PodCliqueSetGVK, PodGangGVK } from '@grove/api';
import { eventually } from '@grove/testing';
import { describe, expect, it } from 'vitest';
import { deniedRequests, useGroveControllers } from './support/grove-suite.js';
import { exists, label, podGangInitialized, podName, podsOfPcs, sortedNames } from './support/kube.js';
import { sample } from './support/samples.js';
import { scenario, SCENARIO_TIMEOUT_MS } from './support/steps.js';
import { groveChildren, podsByClique, waitForReadyPods, WORKLOAD_TIMEOUT_MS } from './support/workloads.js';

const PCS = 'multinode-aggregated';
const PCSG = `${PCS}-0-model-instance`;
const BASE_GANG = `${PCS}-0`;
const replicaCliques = (i: number) => [`${PCSG}-${i}-leader`, `${PCSG}-${i}-worker`];
/** 1 leader + 3 workers per PCSG replica. */
const PODS_PER_REPLICA = 4;

describe('PodCliqueScalingGroup scale subresource', () => {
  const env = useGroveControllers('scaling');

  it('B1 scales a PCSG 2→3 (new scaled PodGang, PodCliques, pods) and back to 2 (highest replica removed)', async (ctx) => {
    const step = scenario(ctx, 'B1 PCSG scale out and in');
    const { grove, namespace } = env();
    const key = { namespace, name: PCSG };

    step('apply sample multi-node-aggregated (PCSG model-instance: 2 replicas, minAvailable 1)');
    await grove.create(PodCliqueSetGVK, sample('multi-node-aggregated', namespace));
    const before = await waitForReadyPods(env(), PCS, 2 * PODS_PER_REPLICA);
    const kept = await Promise.all(
      [...replicaCliques(0), ...replicaCliques(1)].map((name) => grove.get(PodCliqueGVK, { namespace, name })),
    );

    step('the scale subresource reads spec.replicas 2 and the PCSG selector of §1.3');
    await eventually(
      async () => {
        const scale = await grove.getScale(PodCliqueScalingGroupGVK, key);
        expect(scale.spec?.replicas, 'scale spec.replicas').toBe(2);
        expect(scale.status?.replicas, 'scale status.replicas').toBe(2);
        expect(scale.status?.selector, 'scale status.selector').toBe(
          `app.kubernetes.io/managed-by=grove-operator,app.kubernetes.io/part-of=${PCS},grove.io/podcliquescalinggroup=${PCSG}`,
        );
      },
      { timeoutMs: 30_000, intervalMs: 1_000 },
    );

    step('setScale 2→3');
    await grove.setScale(PodCliqueScalingGroupGVK, key, 3);

    step(`wait for the scaled PodGang ${PCSG}-1, PodCliques ${replicaCliques(2).join(', ')} and 12 pods Ready`);
    const after = await waitForReadyPods(env(), PCS, 3 * PODS_PER_REPLICA, WORKLOAD_TIMEOUT_MS);
    const children = await groveChildren(env(), PCS);
    expect(children.podGangs, 'PodGangs after scale-out').toEqual([BASE_GANG, `${PCSG}-0`, `${PCSG}-1`]);
    expect(children.podCliques, 'PodCliques after scale-out').toEqual([...replicaCliques(0), ...replicaCliques(1), ...replicaCliques(2)].sort());

    step('the new replica is its own gang: labels on PodCliques and pods, PodGroups, Initialized');
    const byClique = podsByClique(after);
    for (const pclq of replicaCliques(2)) {
      const object = await grove.get(PodCliqueGVK, { namespace, name: pclq });
      expect(object.metadata.labels?.[LABEL.podGang], `${LABEL.podGang} of ${pclq}`).toBe(`${PCSG}-1`);
      expect(object.metadata.labels?.[LABEL.basePodGang], `${LABEL.basePodGang} of ${pclq}`).toBe(BASE_GANG);
      expect(object.metadata.labels?.[LABEL.podCliqueScalingGroupReplicaIndex], `PCSG replica index of ${pclq}`).toBe('2');
      for (const pod of byClique.get(pclq) ?? []) {
        expect(label(pod, LABEL.podGang), `${LABEL.podGang} of ${podName(pod)}`).toBe(`${PCSG}-1`);
        expect(label(pod, LABEL.basePodGang), `${LABEL.basePodGang} of ${podName(pod)}`).toBe(BASE_GANG);
      }
    }
    expect(byClique.get(`${PCSG}-2-leader`)?.length, 'leader pods of replica 2').toBe(1);
    expect(byClique.get(`${PCSG}-2-worker`)?.length, 'worker pods of replica 2').toBe(3);
    await eventually(
      async () => {
        const gang = await grove.get(PodGangGVK, { namespace, name: `${PCSG}-1` });
        expect(podGangInitialized(gang), `PodGang ${PCSG}-1 Initialized`).toBe('True');
        expect(gang.spec.podgroups.map((g) => g.name).sort(), `PodGroups of ${PCSG}-1`).toEqual(replicaCliques(2));
        for (const group of gang.spec.podgroups) {
          expect(group.podReferences.map((r) => r.name).sort(), `podReferences of ${group.name}`).toEqual(sortedNames(byClique.get(group.name) ?? []));
        }
      },
      { timeoutMs: 30_000, intervalMs: 1_000 },
    );
    await eventually(
      async () => {
        const pcsg = await grove.get(PodCliqueScalingGroupGVK, key);
        expect(pcsg.status?.replicas, 'PCSG status.replicas').toBe(3);
        expect(pcsg.status?.availableReplicas, 'PCSG status.availableReplicas').toBe(3);
      },
      { timeoutMs: WORKLOAD_TIMEOUT_MS, intervalMs: 1_000 },
    );

    step('setScale 3→2');
    await grove.setScale(PodCliqueScalingGroupGVK, key, 2);

    step(`wait until replica 2's PodCliques, its PodGang ${PCSG}-1 and its pods are gone`);
    await eventually(
      async () => {
        const now = await groveChildren(env(), PCS);
        expect(now.podCliques, 'PodCliques after scale-in').toEqual([...replicaCliques(0), ...replicaCliques(1)].sort());
        expect(now.podGangs, 'PodGangs after scale-in').toEqual([BASE_GANG, `${PCSG}-0`]);
        const pods = (await podsOfPcs(env().kc, namespace, PCS)).filter((p) => !p.metadata?.deletionTimestamp);
        expect(pods.map((p) => label(p, LABEL.podClique)).filter((c) => c?.startsWith(`${PCSG}-2-`)), 'pods of replica 2').toEqual([]);
      },
      { timeoutMs: WORKLOAD_TIMEOUT_MS, intervalMs: 1_000 },
    );
    expect(await exists(() => grove.get(PodGangGVK, { namespace, name: `${PCSG}-1` })), `PodGang ${PCSG}-1`).toBe(false);

    step('replicas 0 and 1 were left alone: same PodCliques, same pods');
    for (const pclq of kept) {
      const now = await grove.get(PodCliqueGVK, { namespace, name: pclq.metadata.name ?? '' });
      expect(now.metadata.uid, `uid of PodClique ${pclq.metadata.name ?? ''}`).toBe(pclq.metadata.uid);
    }
    const remaining = await waitForReadyPods(env(), PCS, 2 * PODS_PER_REPLICA);
    expect(sortedNames(remaining), 'the pods of replicas 0 and 1').toEqual(sortedNames(before));
    await eventually(
      async () => {
        const pcsg = await grove.get(PodCliqueScalingGroupGVK, key);
        expect(pcsg.status?.replicas, 'PCSG status.replicas').toBe(2);
        expect(pcsg.status?.availableReplicas, 'PCSG status.availableReplicas').toBe(2);
      },
      { timeoutMs: 30_000, intervalMs: 1_000 },
    );

    step('no request of either controller was refused (RBAC)');
    expect(deniedRequests(env()), 'requests the API server refused to the controllers during this test').toEqual([]);
  }, SCENARIO_TIMEOUT_MS);
});
