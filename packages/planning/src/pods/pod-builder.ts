/**
 * Pod construction (grove-spec §2.3 "Pod construction", §1.8, §5): one pod of a PodClique at a
 * given pod index. The reconciler adds the controller owner reference and creates it; everything
 * else a Grove pod carries is decided here.
 */
import {
  LABEL,
  SCHEDULING_GATE,
  defaultLabels,
  headlessServiceName,
  podGenerateName,
  podHostname,
  type PodClique,
  type PodCliqueSet,
} from '@grove/api';
import type { V1ObjectMeta, V1Pod, V1PodSpec } from '@kubernetes/client-node';
import { startupInitContainer, startupVolumes, type StartupDependency } from './init-container.js';
import { groveEnv, withGroveEnv, type PodIdentity } from './pod-env.js';

export type { StartupDependency } from './init-container.js';

export interface PodBuildInput {
  readonly pcs: PodCliqueSet;
  /** Its labels carry the PCS replica index, `grove.io/podgang`, the pod-template hash and, for members, the PCSG labels. */
  readonly podClique: PodClique;
  readonly podIndex: number;
  readonly startupDependencies: readonly StartupDependency[];
  /** Full image reference of the startup-gate-sidecar (init container). */
  readonly initContainerImage: string;
  /** schedulerName when the PCLQ podSpec sets none. */
  readonly defaultSchedulerName: string;
}

/** Everything a pod needs to know about where it sits, read (and checked) once. */
interface PodPlace extends PodIdentity {
  readonly podGang: string;
  readonly podIndex: number;
}

/** The pod to create; it has no ownerReferences (the reconciler sets the PodClique as controller). */
export function buildPod(input: PodBuildInput): V1Pod {
  const place = podPlace(input);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: podMetadata(input.podClique, place),
    spec: podSpec(input, place),
  };
}

function podPlace({ pcs, podClique, podIndex }: PodBuildInput): PodPlace {
  const podCliqueName = podClique.metadata.name;
  if (podCliqueName === undefined) throw new Error('PodClique has no name');
  const namespace = podClique.metadata.namespace ?? pcs.metadata.namespace;
  if (namespace === undefined) throw new Error(`PodClique ${podCliqueName} has no namespace`);
  const pcsName = pcs.metadata.name;
  if (pcsName === undefined) throw new Error(`PodCliqueSet of PodClique ${podCliqueName} has no name`);
  return {
    pcsName,
    pcsReplicaIndex: replicaIndexLabel(podClique, podCliqueName),
    podClique: podCliqueName,
    namespace,
    podGang: requiredLabel(podClique, podCliqueName, LABEL.podGang),
    podIndex,
  };
}

function requiredLabel(podClique: PodClique, name: string, key: string): string {
  const value = podClique.metadata.labels?.[key];
  if (value === undefined || value === '') throw new Error(`PodClique ${name} is missing required label ${key}`);
  return value;
}

function replicaIndexLabel(podClique: PodClique, name: string): number {
  const text = requiredLabel(podClique, name, LABEL.podCliqueSetReplicaIndex);
  if (!/^(0|[1-9]\d*)$/.test(text)) throw new Error(`PodClique ${name} has a malformed ${LABEL.podCliqueSetReplicaIndex} label: "${text}"`);
  return Number(text);
}

/** Labels: default ∪ PCLQ labels ∪ the pod's own four (which win over anything inherited). */
function podMetadata(podClique: PodClique, place: PodPlace): V1ObjectMeta {
  const annotations = podClique.metadata.annotations;
  return {
    generateName: podGenerateName(place.podClique),
    namespace: place.namespace,
    labels: {
      ...defaultLabels(place.pcsName),
      ...podClique.metadata.labels,
      [LABEL.podClique]: place.podClique,
      [LABEL.podCliqueSetReplicaIndex]: String(place.pcsReplicaIndex),
      [LABEL.podGang]: place.podGang,
      [LABEL.podCliquePodIndex]: String(place.podIndex),
    },
    ...(annotations !== undefined && Object.keys(annotations).length > 0 && { annotations: { ...annotations } }),
  };
}

function podSpec(input: PodBuildInput, place: PodPlace): V1PodSpec {
  const template = structuredClone(input.podClique.spec.podSpec);
  const env = groveEnv(place);
  const spec: V1PodSpec = {
    ...template,
    containers: template.containers.map((c) => withGroveEnv(c, env)),
    ...(template.initContainers !== undefined && { initContainers: template.initContainers.map((c) => withGroveEnv(c, env)) }),
    // Grove's gate goes last; user gates stay, since only Grove's is lifted by Grove (§3.4).
    schedulingGates: [
      ...(template.schedulingGates ?? []).filter((g) => g.name !== SCHEDULING_GATE.podGangPendingCreation),
      { name: SCHEDULING_GATE.podGangPendingCreation },
    ],
    schedulerName: template.schedulerName || input.defaultSchedulerName,
    hostname: podHostname(place.podClique, place.podIndex),
    subdomain: headlessServiceName({ pcs: place.pcsName, replicaIndex: place.pcsReplicaIndex }),
  };
  return input.startupDependencies.length > 0 ? withStartupGate(spec, input, place.pcsName) : spec;
}

/** Appended after env injection so `grove-initc` carries no GROVE_* variables (§5). */
function withStartupGate(spec: V1PodSpec, input: PodBuildInput, pcsName: string): V1PodSpec {
  return {
    ...spec,
    initContainers: [...(spec.initContainers ?? []), startupInitContainer(input.initContainerImage, input.startupDependencies)],
    volumes: [...(spec.volumes ?? []), ...startupVolumes(pcsName)],
  };
}
