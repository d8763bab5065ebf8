/** The generated descriptors and type guards against grove-spec §1 (unit; no cluster). */
import { describe, expect, it } from 'vitest';
import * as generated from './generated/index.js';

const guards: Record<string, (value: unknown) => boolean> = {
  PodCliqueSet: generated.isPodCliqueSet,
  PodClique: generated.isPodClique,
  PodCliqueScalingGroup: generated.isPodCliqueScalingGroup,
  ClusterTopologyBinding: generated.isClusterTopologyBinding,
  PodGang: generated.isPodGang,
};

describe('descriptors', () => {
  it.each([
    ['PodCliqueSet', generated.PodCliqueSetGVK, 'grove.io', 'podcliquesets', true, true],
    ['PodClique', generated.PodCliqueGVK, 'grove.io', 'podcliques', true, true],
    ['PodCliqueScalingGroup', generated.PodCliqueScalingGroupGVK, 'grove.io', 'podcliquescalinggroups', true, true],
    ['ClusterTopologyBinding', generated.ClusterTopologyBindingGVK, 'grove.io', 'clustertopologybindings', false, false],
    ['PodGang', generated.PodGangGVK, 'scheduler.grove.io', 'podgangs', true, false],
  ])('%s', (_, gvk, group, plural, namespaced, scale) => {
    expect(gvk).toMatchObject({ group, version: 'v1alpha1', plural, namespaced, subresources: { status: true, scale } });
    expect(gvk.listKind).toBe(`${gvk.kind}List`);
  });

  it('lists every kind once', () => {
    expect(generated.groveResources.map((d) => d.kind).sort()).toEqual(Object.keys(guards).sort());
  });

  it('points the decoder at every embedded client-node model', () => {
    expect(generated.PodCliqueSetGVK.models.spec.template.cliques[0].spec.podSpec).toBe('V1PodSpec');
    expect(generated.PodCliqueGVK.models.status.conditions[0]).toBe('V1Condition');
  });
});

describe('type guards', () => {
  const objectOf = (d: { group: string; version: string; kind: string }) => ({ apiVersion: `${d.group}/${d.version}`, kind: d.kind, metadata: {} });

  it.each(generated.groveResources.map((d) => [d.kind, d] as const))('%s accepts its own kind and no other', (kind, d) => {
    const guard = guards[kind];
    expect(guard?.(objectOf(d))).toBe(true);
    for (const other of generated.groveResources.filter((o) => o.kind !== kind)) expect(guard?.(objectOf(other))).toBe(false);
  });

  it.each([null, undefined, 'PodCliqueSet', 42, [], {}, { kind: 'PodCliqueSet' }, { apiVersion: 'grove.io/v1beta1', kind: 'PodCliqueSet' }])(
    'rejects %j',
    (value) => {
      expect(generated.isPodCliqueSet(value)).toBe(false);
    },
  );
});
