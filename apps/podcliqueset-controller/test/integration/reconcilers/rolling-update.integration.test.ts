/**
 * Rolling updates (grove-spec §6.1–§6.3, §6.5, e2e RU-7 and OD-1/OD-2): a template change replaces
 * pods one ready pod at a time, never below minAvailable, one PodCliqueSet replica at a time;
 * under OnDelete nothing is replaced until the user deletes a pod.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PodCliqueSetGVK, type PodCliqueSet } from '@grove/api';
import { aPodCliqueSet } from '@grove/fixtures';
import { eventually } from '@grove/testing';
import { PodTimeline, readyLive, type PodState } from '../support/pod-timeline.js';
import { useReconcilers } from '../support/reconcilers.js';

const WAIT = { timeoutMs: 90_000, intervalMs: 500 };
const container = (version: string) => ({ name: 'w', image: 'busybox', env: [{ name: 'VERSION', value: version }], resources: { requests: { cpu: '1m', memory: '1Mi' } } });

function workload(name: string, strategy: 'RollingRecreate' | 'OnDelete'): PodCliqueSet {
  const pcs = aPodCliqueSet(name).replicas(2).clique('worker', { replicas: 3, minAvailable: 2, podSpec: { containers: [container('v1')] } }).build();
  return { ...pcs, spec: { ...pcs.spec, updateStrategy: { type: strategy } } };
}

describe('reconcilers: rolling updates', () => {
  const h = useReconcilers('update');
  let timeline: PodTimeline | undefined;
  afterEach(() => timeline?.stop());

  async function upAndChange(name: string, strategy: 'RollingRecreate' | 'OnDelete', invariants: ConstructorParameters<typeof PodTimeline>[0] = []) {
    const { grove, kc, namespace, step } = h();
    await h().apply(workload(name, strategy));
    const before = await eventually(async () => {
      const pods = await h().pods();
      expect(pods.filter((p) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'))).toHaveLength(6);
      const pcs = await grove.get(PodCliqueSetGVK, { namespace, name });
      expect(pcs.status?.availableReplicas).toBe(2);
      return pods;
    }, WAIT);
    timeline = new PodTimeline(invariants);
    await timeline.start(kc, namespace);
    step('change the clique template (env VERSION=v2)');
    const live = await grove.get(PodCliqueSetGVK, { namespace, name });
    const cliques = live.spec.template.cliques.map((c) => ({ ...c, spec: { ...c.spec, podSpec: { ...c.spec.podSpec, containers: [container('v2')] } } }));
    await grove.apply(PodCliqueSetGVK, { metadata: { name, namespace }, spec: { ...live.spec, template: { ...live.spec.template, cliques } } }, { fieldManager: 'test', force: true });
    const oldHash = before[0]?.metadata?.labels?.['grove.io/pod-template-hash'] ?? '';
    return { before, oldHash };
  }

  it('RollingRecreate replaces one ready pod at a time, never below minAvailable, one PCS replica at a time', { timeout: 150_000 }, async () => {
    const floor = (pods: ReadonlyMap<string, PodState>) =>
      ['ru-0-worker', 'ru-1-worker'].map((c) => (readyLive(pods, c) < 2 ? `${c} had ${readyLive(pods, c)} ready pods (< minAvailable 2)` : undefined)).find(Boolean);
    const { oldHash } = await upAndChange('ru', 'RollingRecreate', [floor]);
    const { grove, namespace, step } = h();
    step('wait for every pod to run the new template and the update to end');
    await eventually(async () => {
      const pods = await h().pods();
      expect(pods).toHaveLength(6);
      expect(pods.every((p) => p.metadata?.labels?.['grove.io/pod-template-hash'] !== oldHash)).toBe(true);
      expect(pods.every((p) => p.spec?.containers[0]?.env?.find((e) => e.name === 'VERSION')?.value === 'v2')).toBe(true);
      const pcs = await grove.get(PodCliqueSetGVK, { namespace, name: 'ru' });
      expect(pcs.status?.updateProgress?.updateEndedAt).toBeDefined();
      expect(pcs.status?.updatedReplicas).toBe(2);
    }, WAIT);
    const deletions = timeline?.deletions.filter((d) => d.hash === oldHash) ?? [];
    expect(timeline?.violations).toEqual([]);
    expect(deletions).toHaveLength(6);
    // One PCS replica at a time: all of replica 0's old pods go before any of replica 1's (§6.2 picks the lowest index).
    expect(deletions.map((d) => d.replica)).toEqual(['0', '0', '0', '1', '1', '1']);
  });

  it('OnDelete replaces nothing by itself; a pod the user deletes comes back with the new template', { timeout: 150_000 }, async () => {
    const { before, oldHash } = await upAndChange('od', 'OnDelete');
    const { grove, core, namespace, step } = h();
    step('the update is recorded as ended at once and no pod is deleted (wait 8 s)');
    await eventually(async () => {
      const pcs = await grove.get(PodCliqueSetGVK, { namespace, name: 'od' });
      expect(pcs.status?.updateProgress?.updateEndedAt).toBeDefined();
    }, WAIT);
    await new Promise((resolve) => setTimeout(resolve, 8_000));
    expect((await h().pods()).map((p) => p.metadata?.uid).sort()).toEqual(before.map((p) => p.metadata?.uid).sort());
    expect(timeline?.deletions).toEqual([]);
    step('delete one pod: its replacement has the new template hash, the others keep the old one');
    const victim = before[0];
    await core.deleteNamespacedPod({ namespace, name: victim?.metadata?.name ?? '' });
    await eventually(async () => {
      const pods = await h().pods(victim?.metadata?.labels?.['grove.io/podclique']);
      const replacement = pods.find((p) => p.spec?.hostname === victim?.spec?.hostname);
      expect(replacement?.metadata?.uid).not.toBe(victim?.metadata?.uid);
      expect(replacement?.metadata?.labels?.['grove.io/pod-template-hash']).not.toBe(oldHash);
      expect(pods.filter((p) => p.metadata?.labels?.['grove.io/pod-template-hash'] === oldHash)).toHaveLength(2);
    }, WAIT);
  });
});
