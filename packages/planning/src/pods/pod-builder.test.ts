import { ANNOTATION, COMPONENT, LABEL, POD_ENV, SCHEDULING_GATE } from '@grove/api';
import { aPodCliqueSet } from '@grove/fixtures';
import type { V1Container, V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { buildPod, type PodBuildInput } from './pod-builder.js';
import { podCliqueFor } from './test-support.js';

const FIVE = [POD_ENV.pcsName, POD_ENV.pcsIndex, POD_ENV.pclqName, POD_ENV.headlessService, POD_ENV.pclqPodIndex];
const PCSG_VARS = [POD_ENV.pcsgName, POD_ENV.pcsgTemplateNumPods, POD_ENV.pcsgIndex];

const pcs = aPodCliqueSet('inference')
  .replicas(2)
  .clique('router', {
    podSpec: {
      containers: [{ name: 'main', image: 'router:1', env: [{ name: 'MODEL', value: 'llama' }, { name: POD_ENV.pcsName, value: 'spoofed' }] }],
      initContainers: [{ name: 'fetch', image: 'fetch:1' }],
      schedulingGates: [{ name: 'example.com/quota' }],
    },
  }, { labels: { team: 'serving' } })
  .clique('worker', { podSpec: { containers: [{ name: 'main', image: 'worker:1', env: [{ name: 'ROLE', value: 'decode' }] }], schedulerName: 'kai-scheduler' } })
  .scalingGroup('decode', ['worker'], { replicas: 3, minAvailable: 1 })
  .build();

function input(overrides: Partial<PodBuildInput> = {}): PodBuildInput {
  return {
    pcs,
    podClique: podCliqueFor(pcs, 'router', { pcsReplica: 1, hash: 'h1' }),
    podIndex: 3,
    startupDependencies: [],
    initContainerImage: 'ghcr.io/grove/initc:v1',
    defaultSchedulerName: 'default-scheduler',
    ...overrides,
  };
}

function envNames(container: V1Container | undefined): string[] {
  return (container?.env ?? []).map((e) => e.name);
}

function container(pod: V1Pod, name: string, init = false): V1Container | undefined {
  return (init ? pod.spec?.initContainers : pod.spec?.containers)?.find((c) => c.name === name);
}

describe('buildPod metadata (§2.3 pod construction, §1.8)', () => {
  const pod = buildPod(input());

  it('is generated from the PodClique name in its namespace, with no owner reference yet', () => {
    expect(pod.metadata?.generateName).toBe('inference-1-router-');
    expect(pod.metadata?.name).toBeUndefined();
    expect(pod.metadata?.namespace).toBe('default');
    expect(pod.metadata?.ownerReferences).toBeUndefined();
  });

  it('carries default ∪ PodClique labels ∪ the pod’s own four', () => {
    expect(pod.metadata?.labels).toEqual({
      [LABEL.managedBy]: 'grove-operator',
      [LABEL.partOf]: 'inference',
      team: 'serving',
      [LABEL.name]: 'inference-1-router',
      [LABEL.component]: COMPONENT.pcsPodClique,
      [LABEL.podTemplateHash]: 'h1',
      [LABEL.podClique]: 'inference-1-router',
      [LABEL.podCliqueSetReplicaIndex]: '1',
      [LABEL.podGang]: 'inference-1',
      [LABEL.podCliquePodIndex]: '3',
    });
  });

  it('copies PodClique annotations, and omits them when there are none', () => {
    expect(pod.metadata?.annotations).toBeUndefined();
    const annotated = buildPod(input({ podClique: podCliqueFor(pcs, 'router', { annotations: { [ANNOTATION.kaiQueue]: 'q1' } }) }));
    expect(annotated.metadata?.annotations).toEqual({ [ANNOTATION.kaiQueue]: 'q1' });
  });

  it.each([
    ['the PodGang label', LABEL.podGang],
    ['the PCS replica index label', LABEL.podCliqueSetReplicaIndex],
  ])('refuses a PodClique without %s', (_, key) => {
    const podClique = podCliqueFor(pcs, 'router');
    delete podClique.metadata.labels?.[key];
    expect(() => buildPod(input({ podClique }))).toThrow(key);
  });
});

describe('buildPod spec (§2.3, §2.1, §3.4)', () => {
  const pod = buildPod(input());

  it('sets hostname <pclq>-<podIndex> and subdomain = the replica’s headless Service', () => {
    expect(pod.spec?.hostname).toBe('inference-1-router-3');
    expect(pod.spec?.subdomain).toBe('inference-1');
  });

  it('keeps user scheduling gates and appends Grove’s', () => {
    expect(pod.spec?.schedulingGates).toEqual([{ name: 'example.com/quota' }, { name: SCHEDULING_GATE.podGangPendingCreation }]);
  });

  it('never adds Grove’s gate twice, even if the podSpec already has it', () => {
    const podClique = podCliqueFor(pcs, 'router');
    podClique.spec.podSpec.schedulingGates = [{ name: SCHEDULING_GATE.podGangPendingCreation }];
    expect(buildPod(input({ podClique })).spec?.schedulingGates).toEqual([{ name: SCHEDULING_GATE.podGangPendingCreation }]);
  });

  it('uses the podSpec schedulerName, else the default', () => {
    expect(pod.spec?.schedulerName).toBe('default-scheduler');
    const worker = podCliqueFor(pcs, 'worker', { scalingGroup: { name: 'decode', replicaIndex: 0 } });
    expect(buildPod(input({ podClique: worker })).spec?.schedulerName).toBe('kai-scheduler');
  });

  it('deep-copies the podSpec: building never changes the PodClique', () => {
    const podClique = podCliqueFor(pcs, 'router');
    const before = structuredClone(podClique);
    const built = buildPod(input({ podClique }));
    built.spec?.containers[0]?.env?.push({ name: 'LATE', value: 'x' });
    expect(podClique).toEqual(before);
  });
});

describe('buildPod env vars (§1.8)', () => {
  const pod = buildPod(input());

  it('prepends the five GROVE_ variables in order and drops a same-named user variable', () => {
    const main = container(pod, 'main');
    expect(envNames(main)).toEqual([...FIVE, 'MODEL']);
    expect(main?.env?.find((e) => e.name === POD_ENV.pcsName)?.value).toBe('inference');
  });

  it('gives the values of §1.8, the pod index through the downward API', () => {
    expect(container(pod, 'main')?.env?.slice(0, 5)).toEqual([
      { name: POD_ENV.pcsName, value: 'inference' },
      { name: POD_ENV.pcsIndex, value: '1' },
      { name: POD_ENV.pclqName, value: 'inference-1-router' },
      { name: POD_ENV.headlessService, value: 'inference-1.default.svc.cluster.local' },
      { name: POD_ENV.pclqPodIndex, valueFrom: { fieldRef: { fieldPath: "metadata.labels['grove.io/podclique-pod-index']" } } },
    ]);
  });

  it('injects into user init containers as well', () => {
    expect(envNames(container(pod, 'fetch', true))).toEqual(FIVE);
  });

  it('keeps a PCSG member’s PCSG variables right after the five, then the user’s', () => {
    const worker = podCliqueFor(pcs, 'worker', { pcsReplica: 0, scalingGroup: { name: 'decode', replicaIndex: 2 } });
    const memberPod = buildPod(input({ podClique: worker, podIndex: 0 }));
    expect(envNames(container(memberPod, 'main'))).toEqual([...FIVE, ...PCSG_VARS, 'ROLE']);
    expect(memberPod.spec?.hostname).toBe('inference-0-decode-2-worker-0');
    expect(memberPod.metadata?.labels?.[LABEL.podCliqueScalingGroup]).toBe('inference-0-decode');
    expect(memberPod.metadata?.labels?.[LABEL.podCliqueScalingGroupReplicaIndex]).toBe('2');
  });
});
