import { describe, expect, it } from 'vitest';
import { gangPods, podGangManifest, plainPods } from './scheduler-manifests.js';
import { RACK_LABEL, type GangSpec } from './scheduler-workload.js';

const gang: GangSpec = { name: 'g-rack-0001', kind: 'rack', pods: 4, gpusPerPod: 8, required: RACK_LABEL };

describe('podGangManifest', () => {
  it('has one PodGroup with all pods as minimum, sorted references and the required constraint', () => {
    const pg = podGangManifest(gang, 'ns');
    expect(pg.apiVersion).toBe('scheduler.grove.io/v1alpha1');
    expect(pg.spec.podgroups).toEqual([
      {
        name: 'g-rack-0001',
        minReplicas: 4,
        podReferences: ['g-rack-0001-00', 'g-rack-0001-01', 'g-rack-0001-02', 'g-rack-0001-03'].map((name) => ({ namespace: 'ns', name })),
        topologyConstraint: { packConstraint: { required: RACK_LABEL } },
      },
    ]);
  });
});

describe('gangPods', () => {
  it('labels pods with their gang and group only for the gang scheduler', () => {
    const [ours] = gangPods(gang, 'ns', 'bench-podgang', true);
    const [kube] = gangPods(gang, 'ns', 'bench-kube-scheduler', false);
    expect(ours?.metadata?.labels).toMatchObject({ 'grove.io/podgang': 'g-rack-0001', 'grove.io/podclique': 'g-rack-0001' });
    expect(kube?.metadata?.labels?.['grove.io/podgang']).toBeUndefined();
    expect(kube?.spec?.schedulerName).toBe('bench-kube-scheduler');
    expect(ours?.spec?.containers[0]?.resources).toEqual({ requests: { cpu: '1', memory: '1Gi', 'nvidia.com/gpu': '8' }, limits: { 'nvidia.com/gpu': '8' } });
  });
});

describe('plainPods', () => {
  it('asks for 1 CPU and no GPU', () => {
    const [pod] = plainPods(['p'], 'ns', 'x');
    expect(pod?.spec?.containers[0]?.resources).toEqual({ requests: { cpu: '1', memory: '1Gi' } });
  });
});
