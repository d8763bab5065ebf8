import { describe, expect, it } from 'vitest';
import type { PodCliqueSet } from '@grove/api';
import { aPodCliqueSet } from '@grove/fixtures';
import { found, plain } from '../../test/context.js';
import { schedulerCatalog } from '../context.js';
import { backendRules, mnnvlRules, mnnvlUpdateRules } from './backend-rules.js';

const MNNVL = 'grove.io/mnnvl-group';
const QUEUE = 'kai.scheduler/queue';
const kai = { ...plain, schedulers: schedulerCatalog(['kai-scheduler'], 'kai-scheduler') };

const withAnnotations = (pcs: PodCliqueSet, annotations: Record<string, string>) => ({ ...pcs, metadata: { ...pcs.metadata, annotations } });

describe('mnnvlRules', () => {
  it.each<[string, string, boolean, string[]]>([
    ['the opt-out', 'none', false, []],
    ['a group with MNNVL enabled', 'gpu-group', true, []],
    ['a group with MNNVL disabled', 'gpu-group', false, [`FieldValueForbidden metadata.annotations[${MNNVL}]`]],
    ['a value that is no DNS label', 'Bad_Group', true, [`FieldValueInvalid metadata.annotations[${MNNVL}]`]],
  ])('on the PodCliqueSet: %s', (_name, value, autoMnnvl, expected) => {
    const pcs = withAnnotations(aPodCliqueSet().clique('a').build(), { [MNNVL]: value });
    expect(found(mnnvlRules(pcs, { ...plain, autoMnnvl }))).toEqual(expected);
  });

  it('checks clique and scaling-group annotations too', () => {
    const pcs = aPodCliqueSet().clique('a', {}, { annotations: { [MNNVL]: 'x_y' } }).scalingGroup('g', ['a'], { annotations: { [MNNVL]: 'g1' } }).build();
    expect(found(mnnvlRules(pcs, plain))).toEqual([
      `FieldValueForbidden spec.template.podCliqueScalingGroups[0].annotations[${MNNVL}]`,
      `FieldValueInvalid spec.template.cliques[0].annotations[${MNNVL}]`,
    ]);
  });

  it('forbids changing, adding or removing the annotation on update', () => {
    const before = withAnnotations(aPodCliqueSet().clique('a').build(), { [MNNVL]: 'g1' });
    expect(mnnvlUpdateRules(before, before)).toEqual([]);
    expect(found(mnnvlUpdateRules(withAnnotations(before, { [MNNVL]: 'g2' }), before))).toEqual([`FieldValueForbidden metadata.annotations[${MNNVL}]`]);
    expect(found(mnnvlUpdateRules(withAnnotations(before, {}), before))).toEqual([`FieldValueForbidden metadata.annotations[${MNNVL}]`]);
  });
});

describe('backendRules', () => {
  it.each<[string, (b: ReturnType<typeof aPodCliqueSet>) => PodCliqueSet, string[]]>([
    ['a queue label on the PodCliqueSet', (b) => ({ ...b.clique('a').build(), metadata: { name: 'x', labels: { [QUEUE]: 'q' } } }), []],
    ['one queue on the cliques', (b) => b.clique('a', {}, { labels: { [QUEUE]: 'q' } }).clique('b', {}, { annotations: { [QUEUE]: 'q' } }).build(), []],
    ['no queue anywhere', (b) => b.clique('a').build(), [`FieldValueRequired metadata.labels[${QUEUE}]`]],
    ['cliques naming different queues', (b) => b.clique('a', {}, { labels: { [QUEUE]: 'q1' } }).clique('b', {}, { labels: { [QUEUE]: 'q2' } }).build(), [`FieldValueInvalid metadata.labels[${QUEUE}]`]],
  ])('kai-scheduler: %s', (_name, build, expected) => {
    expect(found(backendRules(build(aPodCliqueSet()), kai))).toEqual(expected);
  });

  it('refuses topology constraints for backends that cannot pack, and ignores other backends', () => {
    const pcs = (scheduler: string) =>
      aPodCliqueSet()
        .with({ topologyConstraint: { topologyName: 'c', pack: { required: 'zone' } } })
        .clique('a', { podSpec: { containers: [], schedulerName: scheduler } })
        .build();
    expect(found(backendRules(pcs('volcano'), plain))).toEqual(['FieldValueForbidden spec.template.topologyConstraint']);
    expect(found(backendRules(pcs('lpx-scheduler'), plain))).toEqual(['FieldValueForbidden spec.template.topologyConstraint']);
    expect(backendRules(pcs('podgang-scheduler'), plain)).toEqual([]);
  });
});
