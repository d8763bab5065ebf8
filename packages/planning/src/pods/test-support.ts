/**
 * Small builders for this directory's tests: pods in every state the PodClique controller tells
 * apart, and PodCliques generated from a fixture PodCliqueSet the way the PCS/PCSG controllers do.
 * Not exported from the package.
 */
import {
  COMPONENT,
  LABEL,
  POD_ENV,
  SCHEDULING_GATE,
  basePodGangName,
  defaultLabels,
  podCliqueName,
  podCliqueScalingGroupName,
  podHostname,
  scalingGroupPodCliqueName,
  type PodClique,
  type PodCliqueSet,
  type PodCliqueStatus,
} from '@grove/api';
import type { V1ContainerStatus, V1EnvVar, V1Pod, V1PodCondition } from '@kubernetes/client-node';
import { cliqueTemplate } from '../template.js';

export class PodBuilder {
  private readonly pod: V1Pod;

  constructor(name: string) {
    this.pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: 'default', uid: `uid-${name}`, labels: {}, creationTimestamp: new Date('2026-01-01T00:00:00Z') },
      spec: { containers: [{ name: 'main', image: 'busybox' }] },
      status: { phase: 'Pending', conditions: [] },
    };
  }

  private condition(type: string, status: string, reason?: string): this {
    const conditions = (this.pod.status?.conditions ?? []).filter((c) => c.type !== type);
    const condition: V1PodCondition = { type, status, ...(reason !== undefined && { reason }) };
    this.pod.status = { ...this.pod.status, conditions: [...conditions, condition] };
    return this;
  }

  private containerStatus(status: Partial<V1ContainerStatus>, init = false): this {
    const full: V1ContainerStatus = { name: init ? 'init' : 'main', image: 'busybox', imageID: '', ready: false, restartCount: 0, ...status };
    const key = init ? 'initContainerStatuses' : 'containerStatuses';
    this.pod.status = { ...this.pod.status, [key]: [...(this.pod.status?.[key] ?? []), full] };
    return this;
  }

  /** `spec.hostname` = `<podClique>-<index>`. */
  index(index: number, podClique = 'inference-0-worker'): this {
    return this.hostname(podHostname(podClique, index));
  }

  hostname(hostname: string): this {
    this.pod.spec = { containers: [], ...this.pod.spec, hostname };
    return this;
  }

  /** PodScheduled=True on a node, phase Running. */
  scheduled(node = 'node-a'): this {
    return this.node(node).phase('Running').condition('PodScheduled', 'True');
  }

  /** Held by Grove's scheduling gate: PodScheduled=False/SchedulingGated. */
  gated(): this {
    this.pod.spec = { containers: [], ...this.pod.spec, schedulingGates: [{ name: SCHEDULING_GATE.podGangPendingCreation }] };
    return this.condition('PodScheduled', 'False', 'SchedulingGated');
  }

  /** PodScheduled=False for another reason (no node fits). */
  unschedulable(): this {
    return this.condition('PodScheduled', 'False', 'Unschedulable');
  }

  ready(): this {
    return this.condition('Ready', 'True');
  }

  notReady(): this {
    return this.condition('Ready', 'False');
  }

  phase(phase: string): this {
    this.pod.status = { ...this.pod.status, phase };
    return this;
  }

  node(nodeName: string): this {
    this.pod.spec = { containers: [], ...this.pod.spec, nodeName };
    return this;
  }

  terminating(): this {
    this.pod.metadata = { ...this.pod.metadata, deletionTimestamp: new Date('2026-01-02T00:00:00Z') };
    return this;
  }

  hash(hash: string): this {
    this.pod.metadata = { ...this.pod.metadata, labels: { ...this.pod.metadata?.labels, [LABEL.podTemplateHash]: hash } };
    return this;
  }

  createdAt(iso: string | undefined): this {
    const { creationTimestamp: _dropped, ...metadata } = this.pod.metadata ?? {};
    this.pod.metadata = { ...metadata, ...(iso !== undefined && { creationTimestamp: new Date(iso) }) };
    return this;
  }

  /** A container whose last run ended with `exitCode` (an init container when `init`). */
  exited(exitCode: number, init = false): this {
    return this.containerStatus({ lastState: { terminated: { exitCode } } }, init);
  }

  /** A main container that started (startup probe passed) but is not ready. */
  startedNotReady(): this {
    return this.containerStatus({ started: true, ready: false });
  }

  /** A main container that has not started yet (startup probe pending). */
  notStarted(): this {
    return this.containerStatus({ started: false, ready: false });
  }

  build(): V1Pod {
    return structuredClone(this.pod);
  }
}

export function aPod(name = 'pod'): PodBuilder {
  return new PodBuilder(name);
}

export interface PodCliqueOptions {
  readonly pcsReplica?: number;
  readonly hash?: string;
  /** Make it a member of this scaling group at this PCSG replica (below minAvailable: the base gang). */
  readonly scalingGroup?: { readonly name: string; readonly replicaIndex: number };
  readonly status?: PodCliqueStatus;
  readonly generation?: number;
  readonly annotations?: Record<string, string>;
}

/** The PCSG variables the PCSG controller prepends to a member's podSpec (§2.4). */
export function pcsgEnv(templateNumPods: number): V1EnvVar[] {
  return [
    { name: POD_ENV.pcsgName, valueFrom: { fieldRef: { fieldPath: `metadata.labels['${LABEL.podCliqueScalingGroup}']` } } },
    { name: POD_ENV.pcsgTemplateNumPods, value: String(templateNumPods) },
    { name: POD_ENV.pcsgIndex, valueFrom: { fieldRef: { fieldPath: `metadata.labels['${LABEL.podCliqueScalingGroupReplicaIndex}']` } } },
  ];
}

/** The PodClique the PCS (standalone) or PCSG (member) controller would generate for `clique`. */
export function podCliqueFor(pcs: PodCliqueSet, clique: string, options: PodCliqueOptions = {}): PodClique {
  const template = cliqueTemplate(pcs, clique);
  const pcsName = pcs.metadata.name;
  if (template === undefined || pcsName === undefined) throw new Error(`fixture PCS has no clique ${clique}`);
  const replica = { pcs: pcsName, replicaIndex: options.pcsReplica ?? 0 };
  const group = options.scalingGroup;
  const pcsg = group && { pcsg: podCliqueScalingGroupName(replica, group.name), replicaIndex: group.replicaIndex };
  const name = pcsg ? scalingGroupPodCliqueName(pcsg, clique) : podCliqueName(replica, clique);
  const podSpec = structuredClone(template.spec.podSpec);
  if (pcsg) podSpec.containers = podSpec.containers.map((c) => ({ ...c, env: [...pcsgEnv(2), ...(c.env ?? [])] }));
  return {
    apiVersion: 'grove.io/v1alpha1',
    kind: 'PodClique',
    metadata: {
      name,
      namespace: pcs.metadata.namespace ?? 'default',
      ...(options.generation !== undefined && { generation: options.generation }),
      labels: {
        ...template.labels,
        ...defaultLabels(pcsName),
        [LABEL.name]: name,
        [LABEL.component]: pcsg ? COMPONENT.pcsgPodClique : COMPONENT.pcsPodClique,
        [LABEL.podCliqueSetReplicaIndex]: String(replica.replicaIndex),
        [LABEL.podGang]: basePodGangName(replica),
        [LABEL.podTemplateHash]: options.hash ?? 'hash-1',
        ...(pcsg && { [LABEL.podCliqueScalingGroup]: pcsg.pcsg, [LABEL.podCliqueScalingGroupReplicaIndex]: String(pcsg.replicaIndex) }),
      },
      ...(options.annotations !== undefined && { annotations: options.annotations }),
    },
    spec: { ...template.spec, podSpec },
    ...(options.status !== undefined && { status: options.status }),
  };
}
