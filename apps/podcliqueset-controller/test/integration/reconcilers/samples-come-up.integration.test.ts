/**
 * Grove's single-node samples (grove-spec §10.8) reconciled by the real controllers against the
 * real API server, scheduled by kube-scheduler onto KWOK nodes: every object Grove documents,
 * with its exact names, labels, env vars and hostnames.
 */
import { describe, expect, it } from 'vitest';
import { PodCliqueGVK, PodCliqueSetGVK, PodGangGVK, type PodCliqueSet } from '@grove/api';
import { eventually } from '@grove/testing';
import { useReconcilers } from '../support/reconcilers.js';
import { aSample } from '../support/samples.js';

const UP = { timeoutMs: 60_000, intervalMs: 500 };

function envOf(pod: { spec?: { containers?: { env?: { name: string; value?: string; valueFrom?: { fieldRef?: { fieldPath?: string } } }[] }[] } }) {
  return (pod.spec?.containers?.[0]?.env ?? []).map((e) => [e.name, e.value ?? e.valueFrom?.fieldRef?.fieldPath]);
}

describe('reconcilers: Grove samples come up', () => {
  const h = useReconcilers('samples');

  it('single-node-disaggregated: PodCliques, PodGang, Service, pod RBAC and 5 ready pods, named as Grove names them', async () => {
    const { grove, core, namespace, step } = h();
    const pcs: PodCliqueSet = aSample('single-node-disaggregated');
    const name = pcs.metadata.name ?? '';
    step('apply the sample');
    await h().apply(pcs);

    step('wait for 5 ready pods');
    const pods = await eventually(async () => {
      const live = await h().pods();
      expect(live.filter((p) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'))).toHaveLength(5);
      return live;
    }, UP);
    expect(pods.map((p) => p.spec?.hostname)).toEqual([
      `${name}-0-decode-0`,
      `${name}-0-decode-1`,
      `${name}-0-prefill-0`,
      `${name}-0-prefill-1`,
      `${name}-0-prefill-2`,
    ]);
    for (const pod of pods) {
      expect(pod.spec?.subdomain).toBe(`${name}-0`);
      expect(pod.spec?.schedulingGates ?? []).toEqual([]);
      expect(pod.metadata?.generateName).toBe(`${pod.metadata?.labels?.['grove.io/podclique']}-`);
    }

    step('check labels and env vars of one prefill pod');
    const prefill = pods[2];
    expect(prefill?.metadata?.labels).toMatchObject({
      'app.kubernetes.io/managed-by': 'grove-operator',
      'app.kubernetes.io/part-of': name,
      'grove.io/podclique': `${name}-0-prefill`,
      'grove.io/podgang': `${name}-0`,
      'grove.io/podcliqueset-replica-index': '0',
      'grove.io/podclique-pod-index': '0',
    });
    expect(prefill?.metadata?.labels?.['grove.io/pod-template-hash']).toMatch(/^[a-z0-9]+$/);
    expect(envOf(prefill ?? {}).slice(0, 5)).toEqual([
      ['GROVE_PCS_NAME', name],
      ['GROVE_PCS_INDEX', '0'],
      ['GROVE_PCLQ_NAME', `${name}-0-prefill`],
      ['GROVE_HEADLESS_SERVICE', `${name}-0.${namespace}.svc.cluster.local`],
      ['GROVE_PCLQ_POD_INDEX', "metadata.labels['grove.io/podclique-pod-index']"],
    ]);

    step('check the PodGang, PodCliques, Service and pod RBAC');
    await eventually(async () => {
      const gang = await grove.get(PodGangGVK, { namespace, name: `${name}-0` });
      expect(gang.status?.conditions?.find((c) => c.type === 'Initialized')).toMatchObject({ status: 'True', reason: 'PodGangPodsCreated' });
      expect(gang.spec.podgroups.map((g) => [g.name, g.minReplicas, g.podReferences.length])).toEqual([
        [`${name}-0-prefill`, 3, 3],
        [`${name}-0-decode`, 2, 2],
      ]);
      expect(gang.metadata.labels?.['grove.io/scheduler-name']).toBe('default-scheduler');
    }, UP);
    await eventually(async () => {
      const pclq = await grove.get(PodCliqueGVK, { namespace, name: `${name}-0-decode` });
      expect(pclq.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'PodCliqueSet', name, controller: true });
      expect(pclq.metadata.finalizers).toContain('grove.io/podclique.grove.io');
      expect(pclq.status).toMatchObject({ replicas: 2, readyReplicas: 2, scheduledReplicas: 2, observedGeneration: 1 });
    }, UP);
    const svc = await core.readNamespacedService({ namespace, name: `${name}-0` });
    expect(svc.spec?.clusterIP).toBe('None');
    // The CRD defaults headlessServiceConfig to {publishNotReadyAddresses: true}, as Grove's webhook does.
    expect(svc.spec?.publishNotReadyAddresses).toBe(true);
    await core.readNamespacedServiceAccount({ namespace, name });
    const secret = await core.readNamespacedSecret({ namespace, name: `${name}-ic-sat` });
    expect(secret.type).toBe('kubernetes.io/service-account-token');

    step('the PodCliqueSet reports one available replica and its selector');
    await eventually(async () => {
      const live = await grove.get(PodCliqueSetGVK, { namespace, name });
      expect(live.status).toMatchObject({
        replicas: 1,
        availableReplicas: 1,
        observedGeneration: 1,
        hpaPodSelector: `app.kubernetes.io/managed-by=grove-operator,app.kubernetes.io/part-of=${name}`,
      });
      expect(live.status?.currentGenerationHash).toMatch(/^[a-z0-9]+$/);
      expect(live.metadata.finalizers).toContain('grove.io/podcliqueset.grove.io');
    }, UP);
  });
});
