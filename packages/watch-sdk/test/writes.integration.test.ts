/**
 * Writes against the real API server: server-side apply reports created/unchanged/configured and
 * respects field ownership; concurrent status updates all land through conflict retries.
 */
import { AppsV1Api, CoreV1Api, type V1ConfigMap, type V1Deployment } from '@kubernetes/client-node';
import { adminKubeConfig, eventually, useTestNamespace } from '@grove/testing';
import { describe, expect, it } from 'vitest';
import { EventRecorder, KubeApiError, kubeEventSink, ObjectWriter } from '../src/writes/index.js';
import { CONFIGMAPS } from './support.js';

const kc = adminKubeConfig();
const DEPLOYMENTS = { group: 'apps', version: 'v1', plural: 'deployments', namespaced: true };

describe('ObjectWriter on the real API server', () => {
  const ns = useTestNamespace(() => kc, 'writes');

  it('applies with a field manager: created, unchanged, configured; another manager conflicts unless forced', async () => {
    const writer = new ObjectWriter(kc, { fieldManager: 'grove-test-controller' });
    const desired = (v: string): V1ConfigMap => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'owned', namespace: ns() }, data: { v } });
    const first = await writer.apply(CONFIGMAPS, desired('1'));
    expect(first.result).toBe('created');
    const again = await writer.apply(CONFIGMAPS, desired('1'), { current: first.object });
    expect(again.result).toBe('unchanged');
    const changed = await writer.apply(CONFIGMAPS, desired('2'), { current: again.object });
    expect(changed.result).toBe('configured');
    expect(changed.object.data).toEqual({ v: '2' });
    expect(changed.object.metadata?.managedFields?.map((f) => f.manager)).toContain('grove-test-controller');

    const intruder = new ObjectWriter(kc, { fieldManager: 'someone-else' });
    const conflict = await intruder.apply(CONFIGMAPS, desired('3')).catch((err: unknown) => err);
    expect(conflict).toBeInstanceOf(KubeApiError);
    expect((conflict as KubeApiError).status).toBe(409);
    expect((await intruder.apply(CONFIGMAPS, desired('3'), { force: true })).object.data).toEqual({ v: '3' });
  });

  it('lands every one of several concurrent status updates, re-reading on conflict', async () => {
    const namespace = ns();
    const labels = { app: 'status-test' };
    const deployment: V1Deployment = {
      metadata: { name: 'd', namespace },
      spec: { replicas: 0, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'c', image: 'x' }] } } },
    };
    await kc.makeApiClient(AppsV1Api).createNamespacedDeployment({ namespace, body: deployment });
    const writer = new ObjectWriter(kc, { fieldManager: 'grove-test-controller', conflictRetry: { steps: 20 } });
    const bump = () =>
      writer.updateStatus<V1Deployment>(DEPLOYMENTS, { namespace, name: 'd' }, (d) => {
        d.status = { ...d.status, observedGeneration: (d.status?.observedGeneration ?? 0) + 1 };
      });
    await Promise.all(Array.from({ length: 5 }, bump));
    const final = await kc.makeApiClient(AppsV1Api).readNamespacedDeploymentStatus({ namespace, name: 'd' });
    expect(final.status?.observedGeneration).toBe(5);
    const skipped = await writer.updateStatus<V1Deployment>(DEPLOYMENTS, { namespace, name: 'd' }, () => false);
    expect(skipped.metadata?.resourceVersion).toBe(final.metadata?.resourceVersion);
  });

  it('records repeated events as one aggregated core/v1 Event', async () => {
    const namespace = ns();
    const core = kc.makeApiClient(CoreV1Api);
    const cm = await core.createNamespacedConfigMap({ namespace, body: { metadata: { name: 'subject' } } });
    const recorder = new EventRecorder({ sink: kubeEventSink(kc), component: 'grove-test-controller' });
    const object = { apiVersion: 'v1', kind: 'ConfigMap', metadata: cm.metadata ?? {} };
    for (let i = 0; i < 3; i++) await recorder.record(object, 'Warning', 'FailedSync', 'could not sync');
    await recorder.record(object, 'Normal', 'Synced', 'synced');
    const events = await eventually(async () => {
      const list = await core.listNamespacedEvent({ namespace, fieldSelector: `involvedObject.name=subject` });
      expect(list.items).toHaveLength(2);
      return list.items;
    });
    const byReason = Object.fromEntries(events.map((e) => [e.reason, e]));
    expect(byReason['FailedSync']).toMatchObject({ type: 'Warning', count: 3, message: 'could not sync', source: { component: 'grove-test-controller' } });
    expect(byReason['FailedSync']?.involvedObject).toMatchObject({ kind: 'ConfigMap', uid: cm.metadata?.uid });
    expect(byReason['Synced']?.count).toBe(1);
  });
});
