import { ANNOTATION, COMPONENT, LABEL, type PodGang } from '@grove/api';
import { aPodCliqueSet } from '@grove/fixtures';
import { describe, expect, it } from 'vitest';
import { expectedPodGangs } from './gangs.js';
import { aGangWorld, aPod, aScalingGroup, podsOf } from './test-support.js';

/** Two standalone cliques and a scaling group `decode` of leader + worker (replicas 3, minAvailable 1). */
function inference(decode: { replicas?: number; minAvailable?: number } = {}, replicas = 1) {
  return aPodCliqueSet('inference')
    .replicas(replicas)
    .clique('router')
    .clique('prefill', { replicas: 2, minAvailable: 1 })
    .clique('leader')
    .clique('worker', { replicas: 3, minAvailable: 2 })
    .scalingGroup('decode', ['leader', 'worker'], { replicas: 3, minAvailable: 1, ...decode })
    .build();
}

const names = (gangs: readonly PodGang[]) => gangs.map((g) => g.metadata.name);
const groupNames = (gang: PodGang | undefined) => gang?.spec.podgroups.map((g) => g.name);
const gangNamed = (gangs: readonly PodGang[], name: string) => gangs.find((g) => g.metadata.name === name);

describe('expectedPodGangs: which gangs exist (§3.1, §2.1, Appendix A.4)', () => {
  it('puts the standalone cliques and PCSG replicas below minAvailable in the base gang, one scaled gang per further replica', () => {
    const gangs = expectedPodGangs(aGangWorld(inference()));
    expect(names(gangs)).toEqual(['inference-0', 'inference-0-decode-0', 'inference-0-decode-1']);
    expect(groupNames(gangs[0])).toEqual(['inference-0-router', 'inference-0-prefill', 'inference-0-decode-0-leader', 'inference-0-decode-0-worker']);
    expect(groupNames(gangs[1])).toEqual(['inference-0-decode-1-leader', 'inference-0-decode-1-worker']);
    expect(groupNames(gangs[2])).toEqual(['inference-0-decode-2-leader', 'inference-0-decode-2-worker']);
  });

  it('lists each PCS replica as its base gang followed by its scaled gangs', () => {
    const gangs = expectedPodGangs(aGangWorld(inference({ replicas: 2 }, 2)));
    expect(names(gangs)).toEqual(['inference-0', 'inference-0-decode-0', 'inference-1', 'inference-1-decode-0']);
  });

  it('expects no gangs for a PCS scaled to zero', () => {
    expect(expectedPodGangs(aGangWorld(inference({}, 0)))).toEqual([]);
  });

  it.each([
    ['the template replicas while the PCSG does not exist yet', [], ['inference-0', 'inference-0-decode-0', 'inference-0-decode-1']],
    ['the live PCSG scaled out to 4: three scaled gangs', [aScalingGroup('inference-0-decode', 4)], ['inference-0', 'inference-0-decode-0', 'inference-0-decode-1', 'inference-0-decode-2']],
    ['the live PCSG scaled in to minAvailable: none', [aScalingGroup('inference-0-decode', 1)], ['inference-0']],
    ['another PCSG object does not count', [aScalingGroup('inference-1-decode', 5)], ['inference-0', 'inference-0-decode-0', 'inference-0-decode-1']],
  ])('sizes scaled gangs from %s', (_, scalingGroups, expected) => {
    expect(names(expectedPodGangs(aGangWorld(inference(), { scalingGroups })))).toEqual(expected);
  });

  it('splits at the template minAvailable: minAvailable 2 keeps replicas 0 and 1 in the base gang and names the first scaled gang -0', () => {
    const gangs = expectedPodGangs(aGangWorld(inference({ minAvailable: 2 })));
    expect(names(gangs)).toEqual(['inference-0', 'inference-0-decode-0']);
    expect(groupNames(gangs[0])).toContain('inference-0-decode-1-worker');
    expect(groupNames(gangs[1])).toEqual(['inference-0-decode-2-leader', 'inference-0-decode-2-worker']);
  });

  it('still expects minAvailable replicas in the base gang when the live PCSG was scaled below it (§7 note)', () => {
    const gangs = expectedPodGangs(aGangWorld(inference({ minAvailable: 2 }), { scalingGroups: [aScalingGroup('inference-0-decode', 1)] }));
    expect(names(gangs)).toEqual(['inference-0']);
    expect(groupNames(gangs[0])).toContain('inference-0-decode-1-leader');
  });
});

describe('expectedPodGangs: PodGroups (§3.1, Appendix A.3)', () => {
  it('uses the template clique minAvailable as minReplicas, never scaled by PCSG replicas', () => {
    const gangs = expectedPodGangs(aGangWorld(inference(), { scalingGroups: [aScalingGroup('inference-0-decode', 4)] }));
    const minReplicas = gangs.flatMap((g) => g.spec.podgroups.map((p) => [p.name, p.minReplicas]));
    expect(Object.fromEntries(minReplicas)).toMatchObject({
      'inference-0-router': 1,
      'inference-0-prefill': 1,
      'inference-0-decode-0-worker': 2,
      'inference-0-decode-3-worker': 2,
    });
  });

  it('defaults minReplicas to the clique replicas when the template has no minAvailable (webhook default)', () => {
    const pcs = aPodCliqueSet('inference').clique('router', { replicas: 4, minAvailable: undefined }).build();
    expect(expectedPodGangs(aGangWorld(pcs))[0]?.spec.podgroups[0]?.minReplicas).toBe(4);
  });

  it('references only live pods of that PodClique labelled with this gang, sorted by name (§3.3)', () => {
    const pods = [
      aPod('inference-0-prefill-zz', 'inference-0-prefill', { gang: 'inference-0' }),
      aPod('inference-0-prefill-aa', 'inference-0-prefill', { gang: 'inference-0' }),
      aPod('inference-0-prefill-mm', 'inference-0-prefill', { gang: 'inference-0' }),
      aPod('inference-0-prefill-other', 'inference-0-prefill', { gang: 'inference-0-decode-0' }),
      aPod('inference-0-prefill-nolabel', 'inference-0-prefill'),
      aPod('inference-0-prefill-gone', 'inference-0-prefill', { gang: 'inference-0', terminating: true }),
      aPod('inference-0-router-aa', 'inference-0-router', { gang: 'inference-0' }),
    ];
    const [base] = expectedPodGangs(aGangWorld(inference(), { pods }));
    const prefill = base?.spec.podgroups.find((g) => g.name === 'inference-0-prefill');
    expect(prefill?.podReferences).toEqual([
      { namespace: 'default', name: 'inference-0-prefill-aa' },
      { namespace: 'default', name: 'inference-0-prefill-mm' },
      { namespace: 'default', name: 'inference-0-prefill-zz' },
    ]);
  });

  it('fills scaled gangs from their own pods and leaves groups without pods empty', () => {
    const pods = podsOf('inference-0-decode-1-worker', 2, { gang: 'inference-0-decode-0' });
    const gangs = expectedPodGangs(aGangWorld(inference(), { pods }));
    const scaled = gangNamed(gangs, 'inference-0-decode-0');
    expect(scaled?.spec.podgroups.map((g) => g.podReferences.length)).toEqual([0, 2]);
    expect(gangNamed(gangs, 'inference-0')?.spec.podgroups.every((g) => g.podReferences.length === 0)).toBe(true);
  });
});

describe('expectedPodGangs: metadata and spec fields (§3.2 step 2, Appendix A.9)', () => {
  const labelled = () =>
    aPodCliqueSet('inference')
      .clique('router')
      .clique('worker', { podSpec: { containers: [], schedulerName: 'kai-scheduler' } })
      .build();

  it('mirrors PCS labels and annotations except grove.io/ keys, then adds the default and component labels', () => {
    const pcs = labelled();
    pcs.metadata.labels = { team: 'llm', 'grove.io/podgang': 'stale', [LABEL.partOf]: 'spoofed' };
    pcs.metadata.annotations = { 'kai.scheduler/queue': 'q1', [ANNOTATION.reconcileTrigger]: 'x' };
    const [gang] = expectedPodGangs(aGangWorld(pcs));
    expect(gang?.metadata.labels).toEqual({
      team: 'llm',
      [LABEL.managedBy]: 'grove-operator',
      [LABEL.partOf]: 'inference',
      [LABEL.component]: COMPONENT.podGang,
      [LABEL.schedulerName]: 'kai-scheduler',
    });
    expect(gang?.metadata.annotations).toEqual({ 'kai.scheduler/queue': 'q1' });
  });

  it.each([
    ['the first clique podSpec that sets one', labelled(), 'kai-scheduler'],
    ['the default backend when no clique sets one', inference(), 'default-scheduler'],
  ])('labels grove.io/scheduler-name with %s', (_, pcs, expected) => {
    const gangs = expectedPodGangs(aGangWorld(pcs));
    expect(gangs.every((g) => g.metadata.labels?.[LABEL.schedulerName] === expected)).toBe(true);
  });

  it('names the gang in the PCS namespace and adds no owner references or status', () => {
    const [gang] = expectedPodGangs(aGangWorld(inference()));
    expect(gang).toMatchObject({ apiVersion: 'scheduler.grove.io/v1alpha1', kind: 'PodGang', metadata: { name: 'inference-0', namespace: 'default' } });
    expect(gang?.metadata.ownerReferences).toBeUndefined();
    expect(gang?.status).toBeUndefined();
  });

  it('copies the template priorityClassName to every gang, and leaves it out when the template has none', () => {
    const withPriority = aPodCliqueSet('inference').clique('a').with({ priorityClassName: 'high' }).build();
    expect(expectedPodGangs(aGangWorld(withPriority))[0]?.spec.priorityClassName).toBe('high');
    expect(expectedPodGangs(aGangWorld(inference()))[0]?.spec).not.toHaveProperty('priorityClassName');
  });
});
