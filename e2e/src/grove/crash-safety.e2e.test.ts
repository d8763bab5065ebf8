/**
 * Scenario D: crash safety of pod creation. A PodClique of 200 replicas is being filled when the
 * podcliqueset-controller is SIGKILLed (no shutdown, creates in flight); a fresh process must finish
 * the job from what the API server holds: exactly 200 pods with pod indices 0..199, and never a
 * 201st pod created along the way (every pod name ever seen is counted, from a watch that starts
 * before the PodCliqueSet exists).
 */
import { LABEL, PodCliqueGVK, PodCliqueSetGVK, type PodCliqueSet } from '@grove/api';
import { eventually } from '@grove/testing';
import { describe, expect, it } from 'vitest';
import { deniedRequests, eventuallyUnlessDenied, useGroveControllers } from './support/grove-suite.js';
import { isRunningAndReady, label, listPods, podCliqueSelector, podName } from './support/kube.js';
import { PodCensus } from './support/pod-census.js';
import { scenario, SCENARIO_TIMEOUT_MS } from './support/steps.js';

const PCS = 'crash';
const PCLQ = `${PCS}-0-burst`;
const REPLICAS = 200;
const KILL_AT = 20;
/** 200 pods created, ungated, bound and started by KWOK on 2 busy cores, after a restart. */
const FILL_TIMEOUT_MS = 150_000;

function burstPcs(namespace: string): PodCliqueSet {
  return {
    apiVersion: 'grove.io/v1alpha1',
    kind: 'PodCliqueSet',
    metadata: { name: PCS, namespace },
    spec: {
      replicas: 1,
      template: {
        cliques: [
          {
            name: 'burst',
            spec: {
              roleName: 'burst',
              replicas: REPLICAS,
              minAvailable: 1,
              podSpec: {
                containers: [{ name: 'burst', image: 'registry.k8s.io/pause:3.10', resources: { requests: { cpu: '1m', memory: '1Mi' } } }],
              },
            },
          },
        ],
      },
    },
  };
}

describe('crash safety of the podcliqueset-controller', () => {
  const env = useGroveControllers('crash');

  it(`D1 SIGKILL while creating ${REPLICAS} pods: a restart ends with exactly ${REPLICAS} pods, indices 0..${REPLICAS - 1}, none extra ever`, async (ctx) => {
    const step = scenario(ctx, 'D1 crash during pod creation');
    const { grove, kc, namespace, podCliqueSetController } = env();
    const selector = podCliqueSelector(PCLQ);

    step(`watch every pod matching ${selector} from before the PodCliqueSet exists`);
    const census = await PodCensus.start(kc, namespace, selector);

    try {
      step(`create PodCliqueSet ${PCS}: one standalone clique of ${REPLICAS} replicas (1m cpu, 1Mi each)`);
      await grove.create(PodCliqueSetGVK, burstPcs(namespace));

      step(`SIGKILL the podcliqueset-controller (pid ${String(podCliqueSetController.pid)}) once ${KILL_AT} pods exist (polled every 100 ms)`);
      const seenAtKill = await eventuallyUnlessDenied(
        env(),
        `${KILL_AT} pods of ${PCLQ}`,
        async () => {
          expect(census.seen.size, 'pods seen').toBeGreaterThanOrEqual(KILL_AT);
          return census.seen.size;
        },
        { timeoutMs: 90_000, intervalMs: 100 },
      );
      await podCliqueSetController.kill();
      const seenAfterKill = census.seen.size;
      expect(seenAfterKill, 'pods when the controller died: the kill must interrupt the creation').toBeLessThan(REPLICAS);
      step(`killed with ${seenAtKill} pods seen (${seenAfterKill} once it was gone); restart it`);
      const readyMs = await podCliqueSetController.start();

      step(`restarted (ready after ${(readyMs / 1000).toFixed(1)}s); wait for exactly ${REPLICAS} pods with indices 0..${REPLICAS - 1}`);
      const pods = await eventuallyUnlessDenied(
        env(),
        `${REPLICAS} pods of ${PCLQ}`,
        async () => {
          const live = (await listPods(kc, namespace, selector)).filter((p) => !p.metadata?.deletionTimestamp);
          expect(census.seen.size, `distinct pod names ever seen (deleted: ${census.deleted.size})`).toBeLessThanOrEqual(REPLICAS);
          expect(live.length, 'live pods of the PodClique').toBe(REPLICAS);
          return live;
        },
        { timeoutMs: FILL_TIMEOUT_MS, intervalMs: 1_000 },
      );
      const indices = pods.map((p) => Number(label(p, LABEL.podCliquePodIndex)));
      expect(new Set(indices).size, 'distinct grove.io/podclique-pod-index values').toBe(REPLICAS);
      expect([...indices].sort((a, b) => a - b), 'grove.io/podclique-pod-index values').toEqual(Array.from({ length: REPLICAS }, (_, i) => i));
      for (const pod of pods) {
        expect(pod.spec?.hostname, `hostname of ${podName(pod)}`).toBe(`${PCLQ}-${label(pod, LABEL.podCliquePodIndex) ?? '?'}`);
      }

      step(`wait for all ${REPLICAS} pods Running and Ready (the restarted controller also ungates them)`);
      await eventually(
        async () => {
          const live = (await listPods(kc, namespace, selector)).filter((p) => !p.metadata?.deletionTimestamp);
          expect(live.length, 'live pods').toBe(REPLICAS);
          expect(live.filter((p) => !isRunningAndReady(p)).length, 'pods not Running and Ready').toBe(0);
        },
        { timeoutMs: FILL_TIMEOUT_MS, intervalMs: 2_000 },
      );
      await eventually(
        async () => {
          const pclq = await grove.get(PodCliqueGVK, { namespace, name: PCLQ });
          expect(pclq.status?.readyReplicas, 'PodClique status.readyReplicas').toBe(REPLICAS);
        },
        { timeoutMs: 60_000, intervalMs: 1_000 },
      );

      step('over the whole run: no more than 200 pods were ever created, none deleted');
      for (const pod of await listPods(kc, namespace, selector)) census.seen.add(podName(pod));
      expect(census.failures, 'errors of the pod watch').toEqual([]);
      expect(census.seen.size, `distinct pod names ever seen (watch resumed ${census.restarts}×)`).toBe(REPLICAS);
      expect([...census.deleted], 'pods deleted during the run').toEqual([]);

      step('no request of either controller was refused (RBAC)');
      expect(deniedRequests(env()), 'requests the API server refused to the controllers during this test').toEqual([]);
    } finally {
      census.stop();
    }
  }, SCENARIO_TIMEOUT_MS);
});
