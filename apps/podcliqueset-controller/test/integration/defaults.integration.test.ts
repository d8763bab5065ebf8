/** Defaults applied by the webhook, read back from the stored object, and Grove's samples admitted unchanged. */
import { describe, expect, it } from 'vitest';
import { useAdmissionWebhook, useWebhookNamespace } from './support/harness.js';
import { aSample, clique, samples } from './support/samples.js';

describe('admission webhook: defaults (stored object)', () => {
  const harness = useAdmissionWebhook();
  const namespace = useWebhookNamespace(harness, 'defaults');

  async function createAndRead(body: unknown) {
    const { objects } = harness();
    const outcome = await objects.createPodCliqueSet(namespace(), body);
    expect(outcome, JSON.stringify(outcome)).toMatchObject({ kind: 'admitted' });
    const metadata = (body as { metadata: { name: string } }).metadata;
    return objects.getPodCliqueSet(namespace(), metadata.name);
  }

  it('defaults a clique with replicas 0 and no minAvailable to 1/1 (Grove stored 0 and rejected it)', async () => {
    const stored = await createAndRead(
      aSample('simple1', (s) => {
        clique(s, 3).spec.replicas = 0;
        delete clique(s, 3).spec.minAvailable;
      }),
    );
    expect(stored).toMatchObject({ spec: { template: { cliques: [{}, {}, {}, { name: 'pcd', spec: { replicas: 1, minAvailable: 1 } }] } } });
  });

  it('fills minAvailable, autoScalingConfig.minReplicas, restartPolicy, grace period and template defaults', async () => {
    const stored = await createAndRead(
      aSample('simple1', (s) => {
        delete s.spec.template.terminationDelay;
        delete s.spec.template.headlessServiceConfig;
      }),
    );
    const pca = { name: 'pca', spec: { replicas: 3, minAvailable: 3, autoScalingConfig: { minReplicas: 3, maxReplicas: 5 }, podSpec: { restartPolicy: 'Always', terminationGracePeriodSeconds: 30 } } };
    expect(stored).toMatchObject({ spec: { template: { cliques: [pca, {}, {}, {}], terminationDelay: '4h', headlessServiceConfig: { publishNotReadyAddresses: true } } } });
  });

  it('defaults a scaling group scaleConfig.minReplicas to the group replicas', async () => {
    const stored = await createAndRead(
      aSample('simple1', (s) => {
        const group = s.spec.template.podCliqueScalingGroups?.[0];
        if (!group?.scaleConfig) throw new Error('simple1 has a scaling group with a scaleConfig');
        group.replicas = 2;
        delete group.scaleConfig.minReplicas;
      }),
    );
    expect(stored).toMatchObject({ spec: { template: { podCliqueScalingGroups: [{ replicas: 2, scaleConfig: { minReplicas: 2 } }] } } });
  });

  it.each([...samples().keys()])('admits Grove sample %s unchanged (every field as written, plus defaults)', async (name) => {
    const sample = aSample(name);
    const stored = await createAndRead(sample);
    expect(stored).toMatchObject(sample as unknown as Record<string, unknown>);
  });
});
