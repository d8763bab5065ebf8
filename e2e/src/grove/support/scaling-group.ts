/**
 * The scaling-group workload of the PCSG scenarios, and the names grove-spec §2.1/§3.1 give its
 * parts: a standalone clique `router` (optional) and a PodCliqueScalingGroup `sg` of `leader` and
 * `worker`, in PodCliqueSet replica 0.
 */
import { LABEL, PodCliqueGVK, PodGangGVK, type PodClique, type PodCliqueSet } from '@grove/api';
import type { V1Pod, V1Toleration } from '@kubernetes/client-node';
import { expect } from 'vitest';
import type { GroveEnv } from './grove-suite.js';
import { label, podGangInitialized, podName, sortedNames } from './kube.js';
import { podsByClique } from './workloads.js';

export const GROUP = 'sg';

export interface CliqueSize {
  readonly replicas: number;
  readonly minAvailable: number;
}

export interface GroupWorkload {
  readonly name: string;
  readonly namespace: string;
  readonly groupReplicas: number;
  readonly groupMinAvailable: number;
  /** Pods of the standalone clique `router`; 0 leaves it out. Default 1. */
  readonly routerReplicas?: number;
  /** Default 1/1. */
  readonly leader?: CliqueSize;
  /** Default 2/1. */
  readonly worker?: CliqueSize;
  readonly terminationDelay?: string;
  /** Value of env VERSION in the worker's container (the template change of the rollout scenario). */
  readonly workerVersion?: string;
  readonly placement?: { nodeSelector: Record<string, string>; tolerations: V1Toleration[] };
  readonly updateStrategy?: 'RollingRecreate' | 'OnDelete';
}

export interface GroupShape {
  readonly routerReplicas: number;
  readonly leader: CliqueSize;
  readonly worker: CliqueSize;
}

export function shapeOf(w: GroupWorkload): GroupShape {
  return { routerReplicas: w.routerReplicas ?? 1, leader: w.leader ?? { replicas: 1, minAvailable: 1 }, worker: w.worker ?? { replicas: 2, minAvailable: 1 } };
}

/** Pods of the whole PodCliqueSet at `groupReplicas` group replicas. */
export function podCount(w: GroupWorkload, groupReplicas = w.groupReplicas): number {
  const shape = shapeOf(w);
  return shape.routerReplicas + groupReplicas * (shape.leader.replicas + shape.worker.replicas);
}

function podSpec(container: string, w: GroupWorkload, env: { name: string; value: string }[] = []) {
  return {
    containers: [{ name: container, image: 'registry.k8s.io/pause:3.10', env, resources: { requests: { cpu: '1m', memory: '1Mi' } } }],
    ...(w.placement && { nodeSelector: w.placement.nodeSelector, tolerations: w.placement.tolerations }),
  };
}

export function groupPcs(w: GroupWorkload): PodCliqueSet {
  const shape = shapeOf(w);
  const member = (name: string, size: CliqueSize, env: { name: string; value: string }[] = []) => ({
    name,
    spec: { roleName: name, replicas: size.replicas, minAvailable: size.minAvailable, podSpec: podSpec(name, w, env) },
  });
  const router = shape.routerReplicas > 0 ? [member('router', { replicas: shape.routerReplicas, minAvailable: 1 })] : [];
  return {
    apiVersion: 'grove.io/v1alpha1',
    kind: 'PodCliqueSet',
    metadata: { name: w.name, namespace: w.namespace },
    spec: {
      replicas: 1,
      ...(w.updateStrategy && { updateStrategy: { type: w.updateStrategy } }),
      template: {
        ...(w.terminationDelay && { terminationDelay: w.terminationDelay }),
        cliques: [...router, member('leader', shape.leader), member('worker', shape.worker, [{ name: 'VERSION', value: w.workerVersion ?? 'v1' }])],
        podCliqueScalingGroups: [{ name: GROUP, cliqueNames: ['leader', 'worker'], replicas: w.groupReplicas, minAvailable: w.groupMinAvailable }],
      },
    },
  };
}

/** `<pcs>-0-sg`. */
export const groupName = (pcs: string): string => `${pcs}-0-${GROUP}`;
/** `<pcs>-0`: the base PodGang (and the headless Service). */
export const baseGang = (pcs: string): string => `${pcs}-0`;
export const routerName = (pcs: string): string => `${pcs}-0-router`;
/** The member PodCliques of group replica `r`: `<pcs>-0-sg-<r>-leader`, `…-worker`. */
export const replicaCliques = (pcs: string, r: number): string[] => [`${groupName(pcs)}-${r}-leader`, `${groupName(pcs)}-${r}-worker`];
/** Member PodCliques of replicas `0..n-1`, sorted. */
export const memberCliques = (pcs: string, n: number): string[] => Array.from({ length: n }, (_, r) => replicaCliques(pcs, r)).flat().sort();
/** §3.1: replicas below minAvailable are in the base gang, replica r ≥ minAvailable in `<pcsg>-<r-minAvailable>`. */
export const gangOfReplica = (pcs: string, r: number, minAvailable: number): string => (r < minAvailable ? baseGang(pcs) : `${groupName(pcs)}-${r - minAvailable}`);

/** Every PodGang of the workload at `groupReplicas` replicas: gang name → its PodGroups (PodClique names), sorted. */
export function expectedGangs(w: GroupWorkload, groupReplicas: number): Map<string, string[]> {
  const gangs = new Map<string, string[]>([[baseGang(w.name), shapeOf(w).routerReplicas > 0 ? [routerName(w.name)] : []]]);
  for (let r = 0; r < groupReplicas; r += 1) {
    const gang = gangOfReplica(w.name, r, w.groupMinAvailable);
    gangs.set(gang, [...(gangs.get(gang) ?? []), ...replicaCliques(w.name, r)].sort());
  }
  return gangs;
}

/** The group replica index of a member PodClique or pod (its label), or undefined for the router. */
export function groupReplicaOf(object: { metadata?: { labels?: Record<string, string> | undefined } | undefined }): number | undefined {
  const raw = label(object, LABEL.podCliqueScalingGroupReplicaIndex);
  return raw === undefined ? undefined : Number(raw);
}

/** The template clique (`router`, `leader`, `worker`) a PodClique name ends with. */
export function cliqueOf(podClique: string): string {
  return podClique.slice(podClique.lastIndexOf('-') + 1);
}

/** uid by name. */
export function uidsByName(items: readonly { metadata?: { name?: string | undefined; uid?: string | undefined } | undefined }[]): Map<string, string> {
  return new Map(items.map((item) => [item.metadata?.name ?? '', item.metadata?.uid ?? '']));
}

export async function podCliquesOf(env: GroveEnv, pcs: string): Promise<PodClique[]> {
  return (await env.grove.list(PodCliqueGVK, { namespace: env.namespace, labelSelector: `${LABEL.partOf}=${pcs}` })).items;
}

/**
 * Gang membership per §3.1/§1.8 on the live objects: each PodClique's and pod's `grove.io/podgang`
 * (and `grove.io/base-podgang` exactly on scaled ones), and each PodGang Initialized with one
 * PodGroup per member PodClique (`minReplicas` = the clique template's minAvailable) referencing
 * exactly that PodClique's pods, sorted by name.
 */
export async function checkGangMembership(env: GroveEnv, w: GroupWorkload, groupReplicas: number, pods: readonly V1Pod[]): Promise<void> {
  const { grove, namespace } = env;
  const shape = shapeOf(w);
  const gangs = expectedGangs(w, groupReplicas);
  const gangOf = (pclq: string) => [...gangs].find(([, members]) => members.includes(pclq))?.[0];
  const base = baseGang(w.name);

  const podCliques = await podCliquesOf(env, w.name);
  expect(sortedNames(podCliques), 'PodCliques').toEqual([...gangs.values()].flat().sort());
  for (const pclq of podCliques) {
    const name = pclq.metadata.name ?? '';
    const gang = gangOf(name);
    expect(label(pclq, LABEL.podGang), `${LABEL.podGang} of PodClique ${name}`).toBe(gang);
    expect(label(pclq, LABEL.basePodGang), `${LABEL.basePodGang} of PodClique ${name}`).toBe(gang === base ? undefined : base);
  }

  const byClique = podsByClique(pods);
  for (const pod of pods) {
    const pclq = label(pod, LABEL.podClique) ?? '';
    const gang = gangOf(pclq);
    expect(gang, `the PodGang of pod ${podName(pod)} (PodClique ${pclq})`).toBeDefined();
    expect(label(pod, LABEL.podGang), `${LABEL.podGang} of pod ${podName(pod)}`).toBe(gang);
    expect(label(pod, LABEL.basePodGang), `${LABEL.basePodGang} of pod ${podName(pod)}`).toBe(gang === base ? undefined : base);
  }

  const minReplicas: Record<string, number> = { router: 1, leader: shape.leader.minAvailable, worker: shape.worker.minAvailable };
  const live = (await grove.list(PodGangGVK, { namespace, labelSelector: `${LABEL.partOf}=${w.name}` })).items;
  expect(sortedNames(live), 'PodGangs').toEqual([...gangs.keys()].sort());
  for (const gang of live) {
    const name = gang.metadata.name ?? '';
    expect(podGangInitialized(gang), `PodGang ${name} Initialized`).toBe('True');
    expect(gang.spec.podgroups.map((g) => g.name).sort(), `PodGroups of PodGang ${name}`).toEqual(gangs.get(name));
    for (const group of gang.spec.podgroups) {
      expect(group.minReplicas, `minReplicas of PodGroup ${name}/${group.name} (its clique template's minAvailable)`).toBe(minReplicas[cliqueOf(group.name)]);
      const refs = group.podReferences.map((r) => r.name);
      expect(refs, `podReferences of ${name}/${group.name}: that PodClique's pods, sorted by name`).toEqual(sortedNames(byClique.get(group.name) ?? []));
    }
  }
}
