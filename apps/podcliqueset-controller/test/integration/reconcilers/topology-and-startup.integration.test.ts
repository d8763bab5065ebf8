/**
 * Topology translation into PodGangs with the TopologyLevelsUnavailable condition (grove-spec §8),
 * and startup ordering's init container on the pods of dependent cliques (§5).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ClusterTopologyBindingGVK, PodCliqueGVK, PodCliqueSetGVK, PodGangGVK } from '@grove/api';
import { aClusterTopologyBinding, aPodCliqueSet } from '@grove/fixtures';
import { eventually } from '@grove/testing';
import { useReconcilers } from '../support/reconcilers.js';

const WAIT = { timeoutMs: 30_000, intervalMs: 500 };
const container = { name: 'w', image: 'busybox', resources: { requests: { cpu: '1m', memory: '1Mi' } } };

describe('reconcilers: topology-aware scheduling', () => {
  const h = useReconcilers('topology', { 'topology-aware-scheduling': true });
  const bindings: string[] = [];
  afterEach(async () => {
    for (const name of bindings.splice(0)) await h().grove.delete(ClusterTopologyBindingGVK, { name }).catch(() => undefined);
  });

  it('translates pack domains into node-label keys; a missing binding makes the condition Unknown and drops constraints', async () => {
    const { grove, namespace, step } = h();
    const topologyName = `ct-${namespace}`.slice(0, 60);
    bindings.push(topologyName);
    await grove.create(ClusterTopologyBindingGVK, aClusterTopologyBinding(topologyName));
    const pcs = aPodCliqueSet('tas')
      .clique('router', { replicas: 2, podSpec: { containers: [container] } }, { topologyConstraint: { pack: { required: 'host' } } })
      .with({ topologyConstraint: { topologyName, pack: { required: 'rack', preferred: 'host' } } })
      .build();
    step('apply a PCS packed into a rack (preferring a host) whose router clique must share a host');
    await h().apply(pcs);
    await eventually(async () => {
      const gang = await grove.get(PodGangGVK, { namespace, name: 'tas-0' });
      expect(gang.spec.topologyConstraint).toEqual({ packConstraint: { required: 'topology.grove.io/rack', preferred: 'kubernetes.io/hostname' } });
      expect(gang.spec.podgroups[0]?.topologyConstraint).toEqual({ packConstraint: { required: 'kubernetes.io/hostname' } });
      expect(gang.metadata.annotations?.['grove.io/topology-name']).toBe(topologyName);
      const live = await grove.get(PodCliqueSetGVK, { namespace, name: 'tas' });
      expect(live.status?.conditions?.find((c) => c.type === 'TopologyLevelsUnavailable')).toMatchObject({ status: 'False', reason: 'AllClusterTopologyLevelsAvailable' });
    }, WAIT);

    step('delete the ClusterTopologyBinding');
    await grove.delete(ClusterTopologyBindingGVK, { name: topologyName });
    await eventually(async () => {
      const live = await grove.get(PodCliqueSetGVK, { namespace, name: 'tas' });
      expect(live.status?.conditions?.find((c) => c.type === 'TopologyLevelsUnavailable')).toMatchObject({ status: 'Unknown', reason: 'ClusterTopologyNotFound' });
      const gang = await grove.get(PodGangGVK, { namespace, name: 'tas-0' });
      expect(gang.spec.topologyConstraint).toBeUndefined();
      expect(gang.metadata.annotations?.['grove.io/topology-name']).toBeUndefined();
    }, WAIT);
  });
});

describe('reconcilers: startup ordering', () => {
  const h = useReconcilers('startup');

  it('pods of a clique that starts after others carry the startup-gate init container; the first clique has none', async () => {
    const { step } = h();
    const pcs = aPodCliqueSet('so')
      .clique('frontend', { replicas: 1, podSpec: { containers: [container] } })
      .clique('backend', { replicas: 2, minAvailable: 1, podSpec: { containers: [container] } })
      .clique('worker', { replicas: 1, startsAfter: ['frontend', 'backend'], podSpec: { containers: [container] } })
      .explicitStartup()
      .build();
    step('apply a PCS where worker starts after frontend and backend');
    await h().apply(pcs);
    const pods = await eventually(async () => {
      const live = await h().pods();
      expect(live).toHaveLength(4);
      return live;
    }, WAIT);
    const worker = pods.find((p) => p.metadata?.labels?.['grove.io/podclique'] === 'so-0-worker');
    const frontend = pods.find((p) => p.metadata?.labels?.['grove.io/podclique'] === 'so-0-frontend');
    expect(frontend?.spec?.initContainers ?? []).toEqual([]);
    const gate = worker?.spec?.initContainers?.find((c) => c.name === 'grove-initc');
    expect(gate?.image).toBe('grove-startup-gate-sidecar:dev');
    expect(gate?.args).toEqual(['--podcliques=so-0-frontend:1', '--podcliques=so-0-backend:1']);
    expect(gate?.env ?? []).toEqual([]);
    expect(gate?.volumeMounts?.map((m) => [m.name, m.mountPath, m.readOnly]).sort()).toEqual([
      ['pod-info-vol', '/var/grove/pod-info', true],
      ['sa-token-secret-vol', '/var/run/secrets/kubernetes.io/serviceaccount', true],
    ]);
    expect(worker?.spec?.volumes?.find((v) => v.name === 'sa-token-secret-vol')?.secret).toMatchObject({ secretName: 'so-ic-sat', defaultMode: 420 });
    const pclq = await h().grove.get(PodCliqueGVK, { namespace: h().namespace, name: 'so-0-worker' });
    expect(pclq.spec.startsAfter).toEqual(['so-0-frontend', 'so-0-backend']);
  });
});
