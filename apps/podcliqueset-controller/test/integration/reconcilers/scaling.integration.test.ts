/**
 * Scaling (grove-spec §2.2, §2.3, §7, Appendix A items 1 and 7): PCS replicas drive PodCliques,
 * PodGangs and headless Services; a PodClique keeps the replicas it was scaled to; a deleted pod
 * is replaced at once with the same index.
 */
import { describe, expect, it } from 'vitest';
import { PodCliqueGVK, PodCliqueSetGVK, PodGangGVK } from '@grove/api';
import { aPodCliqueSet } from '@grove/fixtures';
import { eventually } from '@grove/testing';
import { useReconcilers } from '../support/reconcilers.js';

const WAIT = { timeoutMs: 60_000, intervalMs: 500 };

function tiny(name: string) {
  return aPodCliqueSet(name).clique('worker', { replicas: 2, minAvailable: 1, podSpec: { containers: [{ name: 'w', image: 'busybox', resources: { requests: { cpu: '1m', memory: '1Mi' } } }] } });
}

describe('reconcilers: scaling', () => {
  const h = useReconcilers('scaling');

  it('PCS scale-out creates PodCliques, PodGangs and Services per replica; scale-in removes them all (Services too, unlike Grove)', async () => {
    const { grove, core, namespace, step } = h();
    await h().apply(tiny('svc').build());
    step('scale the PodCliqueSet to 3 through the scale subresource');
    await eventually(async () => expect(await h().pods()).toHaveLength(2), WAIT);
    await grove.setScale(PodCliqueSetGVK, { namespace, name: 'svc' }, 3);
    const names = async () => ({
      pclqs: (await grove.list(PodCliqueGVK, { namespace })).items.map((p) => p.metadata.name).sort(),
      gangs: (await grove.list(PodGangGVK, { namespace })).items.map((p) => p.metadata.name).sort(),
      services: (await core.listNamespacedService({ namespace })).items.map((s) => s.metadata?.name).sort(),
    });
    await eventually(async () => {
      expect(await names()).toEqual({
        pclqs: ['svc-0-worker', 'svc-1-worker', 'svc-2-worker'],
        gangs: ['svc-0', 'svc-1', 'svc-2'],
        services: ['svc-0', 'svc-1', 'svc-2'],
      });
      expect(await h().pods()).toHaveLength(6);
    }, WAIT);
    step('scale back to 1');
    await grove.setScale(PodCliqueSetGVK, { namespace, name: 'svc' }, 1);
    await eventually(async () => {
      expect(await names()).toEqual({ pclqs: ['svc-0-worker'], gangs: ['svc-0'], services: ['svc-0'] });
      expect(await h().pods()).toHaveLength(2);
    }, WAIT);
  });

  it('a PodClique scaled through its scale subresource keeps its replicas; template replicas only shape new PodCliques', async () => {
    const { grove, namespace, step } = h();
    await h().apply(tiny('keep').build());
    await eventually(async () => expect(await h().pods()).toHaveLength(2), WAIT);
    step('kubectl scale pclq keep-0-worker --replicas=4');
    await grove.setScale(PodCliqueGVK, { namespace, name: 'keep-0-worker' }, 4);
    await eventually(async () => {
      const pods = await h().pods('keep-0-worker');
      expect(pods.map((p) => p.metadata?.labels?.['grove.io/podclique-pod-index'])).toEqual(['0', '1', '2', '3']);
    }, WAIT);
    step('change the template replicas to 3 and add a PCS replica');
    const pcs = await grove.get(PodCliqueSetGVK, { namespace, name: 'keep' });
    const cliques = pcs.spec.template.cliques.map((c) => ({ ...c, spec: { ...c.spec, replicas: 3 } }));
    await grove.apply(PodCliqueSetGVK, { metadata: { name: 'keep', namespace }, spec: { replicas: 2, template: { ...pcs.spec.template, cliques } } }, { fieldManager: 'test', force: true });
    await eventually(async () => {
      expect((await grove.get(PodCliqueGVK, { namespace, name: 'keep-1-worker' })).spec.replicas).toBe(3);
      expect(await h().pods('keep-1-worker')).toHaveLength(3);
    }, WAIT);
    expect((await grove.get(PodCliqueGVK, { namespace, name: 'keep-0-worker' })).spec.replicas).toBe(4);
    expect(await h().pods('keep-0-worker')).toHaveLength(4);
  });

  it('a deleted pod is replaced at once by a new pod with the same index', async () => {
    const { core, namespace, step } = h();
    await h().apply(tiny('heal').build());
    const before = await eventually(async () => {
      const pods = await h().pods('heal-0-worker');
      expect(pods).toHaveLength(2);
      return pods;
    }, WAIT);
    const victim = before[1];
    step(`delete pod ${victim?.metadata?.name} (${victim?.spec?.hostname})`);
    await core.deleteNamespacedPod({ namespace, name: victim?.metadata?.name ?? '' });
    await eventually(async () => {
      const pods = await h().pods('heal-0-worker');
      expect(pods.map((p) => p.spec?.hostname)).toEqual(before.map((p) => p.spec?.hostname));
      expect(pods.map((p) => p.metadata?.uid)).not.toContain(victim?.metadata?.uid);
      expect(pods[0]?.metadata?.uid).toBe(before[0]?.metadata?.uid);
    }, WAIT);
  });
});
