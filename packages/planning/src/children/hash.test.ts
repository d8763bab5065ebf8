import type { PodCliqueSet, PodCliqueTemplateSpec } from '@grove/api';
import { aPodCliqueSet } from '@grove/fixtures';
import { describe, expect, it } from 'vitest';
import { cliqueTemplate } from '../template.js';
import { generationHash, podTemplateHash, templateHashes } from './hash.js';

function basePcs(): PodCliqueSet {
  return aPodCliqueSet('svc')
    .clique('router', { replicas: 2, podSpec: { containers: [{ name: 'main', image: 'router:1' }] } }, { labels: { tier: 'front', app: 'svc' } })
    .clique('worker', { replicas: 4, minAvailable: 2 })
    .scalingGroup('workers', ['worker'], { replicas: 2, minAvailable: 1 })
    .with({ priorityClassName: 'high' })
    .build();
}

function clique(pcs: PodCliqueSet, name: string): PodCliqueTemplateSpec {
  const found = cliqueTemplate(pcs, name);
  if (found === undefined) throw new Error(`no clique ${name}`);
  return found;
}

type Edit = (pcs: PodCliqueSet) => void;

function edited(edit: Edit): PodCliqueSet {
  const pcs = basePcs();
  edit(pcs);
  return pcs;
}

describe('pod-template and generation hashes (§6.1, Appendix A.2)', () => {
  it.each<[string, Edit]>([
    ['clique replicas', (p) => (clique(p, 'router').spec.replicas = 7)],
    ['clique minAvailable', (p) => (clique(p, 'router').spec.minAvailable = 1)],
    ['clique autoScalingConfig', (p) => (clique(p, 'router').spec.autoScalingConfig = { maxReplicas: 9 })],
    ['clique startsAfter', (p) => (clique(p, 'router').spec.startsAfter = ['worker'])],
    ['clique roleName', (p) => (clique(p, 'router').spec.roleName = 'other')],
    ['clique topologyConstraint', (p) => (clique(p, 'router').topologyConstraint = { pack: { required: 'rack' } })],
    ['the clique podSpec priorityClassName (the PCS one replaces it)', (p) => (clique(p, 'router').spec.podSpec.priorityClassName = 'low')],
    ['terminationDelay', (p) => (p.spec.template.terminationDelay = '1m')],
    ['PCS replicas', (p) => (p.spec.replicas = 5)],
    ['scaling group replicas and minAvailable', (p) => (p.spec.template.podCliqueScalingGroups = [{ name: 'workers', cliqueNames: ['worker'], replicas: 3, minAvailable: 2 }])],
    ['headless service config', (p) => (p.spec.template.headlessServiceConfig = { publishNotReadyAddresses: false })],
    ['label key order', (p) => (clique(p, 'router').labels = { app: 'svc', tier: 'front' })],
    ['labels {} vs none', (p) => (clique(p, 'worker').labels = {})],
  ])('ignores %s', (_what, edit) => {
    const before = basePcs();
    const after = edited(edit);
    expect(podTemplateHash(after, 'router')).toBe(podTemplateHash(before, 'router'));
    expect(podTemplateHash(after, 'worker')).toBe(podTemplateHash(before, 'worker'));
    expect(generationHash(after)).toBe(generationHash(before));
  });

  it.each<[string, Edit]>([
    ['clique labels', (p) => (clique(p, 'router').labels = { tier: 'back' })],
    ['clique annotations', (p) => (clique(p, 'router').annotations = { note: 'x' })],
    ['the container image', (p) => (clique(p, 'router').spec.podSpec.containers = [{ name: 'main', image: 'router:2' }])],
    ['a podSpec field', (p) => (clique(p, 'router').spec.podSpec.nodeSelector = { pool: 'gpu' })],
  ])("changes the edited clique's hash and the generation hash for %s", (_what, edit) => {
    const before = basePcs();
    const after = edited(edit);
    expect(podTemplateHash(after, 'router')).not.toBe(podTemplateHash(before, 'router'));
    expect(podTemplateHash(after, 'worker')).toBe(podTemplateHash(before, 'worker'));
    expect(generationHash(after)).not.toBe(generationHash(before));
  });

  it.each<[string, Edit]>([
    ['changing it', (p) => (p.spec.template.priorityClassName = 'critical')],
    ['removing it', (p) => delete p.spec.template.priorityClassName],
  ])('follows the PCS priorityClassName for every clique: %s changes every hash', (_what, edit) => {
    const before = basePcs();
    const after = edited(edit);
    for (const name of ['router', 'worker']) expect(podTemplateHash(after, name)).not.toBe(podTemplateHash(before, name));
    expect(generationHash(after)).not.toBe(generationHash(before));
  });

  it('treats an empty PCS priorityClassName as none', () => {
    const none = edited((p) => delete p.spec.template.priorityClassName);
    const empty = edited((p) => (p.spec.template.priorityClassName = ''));
    expect(generationHash(empty)).toBe(generationHash(none));
  });

  it('covers the cliques in template order', () => {
    const reordered = edited((p) => p.spec.template.cliques.reverse());
    expect(generationHash(reordered)).not.toBe(generationHash(basePcs()));
  });

  it('is the pod-template hash itself for a single-clique PodCliqueSet', () => {
    const pcs = aPodCliqueSet('one').clique('only').build();
    expect(generationHash(pcs)).toBe(podTemplateHash(pcs, 'only'));
  });

  it('is a deterministic, label-safe value', () => {
    const hash = podTemplateHash(basePcs(), 'router');
    expect(podTemplateHash(structuredClone(basePcs()), 'router')).toBe(hash);
    expect(hash).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{1,20}$/);
    expect(generationHash(basePcs())).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{1,20}$/);
  });

  it('rejects a clique the template does not have', () => {
    expect(() => podTemplateHash(basePcs(), 'nope')).toThrow(/clique "nope"/);
  });
});

describe('templateHashes', () => {
  it('maps every clique of the template to its pod-template hash', () => {
    const pcs = basePcs();
    expect(templateHashes(pcs)).toEqual(new Map([
      ['router', podTemplateHash(pcs, 'router')],
      ['worker', podTemplateHash(pcs, 'worker')],
    ]));
  });
});
