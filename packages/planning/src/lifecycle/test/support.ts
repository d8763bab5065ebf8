/**
 * Test builders for the lifecycle decisions: live PodCliques and PodCliqueScalingGroups as the
 * controllers' caches would hold them, named and labelled as Grove names and labels them (§2.1,
 * §2.2, §2.4). Time is measured from {@link T0}, the moment every object is created by default.
 */
import {
  COMPONENT,
  CONDITION_TYPE,
  LABEL,
  defaultLabels,
  podCliqueName,
  podCliqueScalingGroupName,
  scalingGroupPodCliqueName,
  type PodClique,
  type PodCliqueScalingGroup,
  type PodCliqueScalingGroupStatus,
  type PodCliqueStatus,
} from '@grove/api';
import type { V1Condition } from '@kubernetes/client-node';

export const T0 = new Date('2026-01-01T00:00:00Z');

/** `T0 + ms`. */
export function at(ms: number): Date {
  return new Date(T0.getTime() + ms);
}

export const SECOND = 1_000;
export const HOUR = 3_600_000;

type Status = 'True' | 'False' | 'Unknown';

function withCondition(conditions: V1Condition[] | undefined, type: string, status: Status, since: Date): V1Condition[] {
  const rest = (conditions ?? []).filter((c) => c.type !== type);
  return [...rest, { type, status, reason: 'Test', message: 'test', lastTransitionTime: since }];
}

export class PodCliqueBuilder {
  private readonly podClique: PodClique;

  constructor(name: string, labels: Record<string, string>) {
    this.podClique = {
      apiVersion: 'grove.io/v1alpha1',
      kind: 'PodClique',
      metadata: { name, namespace: 'default', labels: { ...labels, [LABEL.name]: name }, creationTimestamp: T0 },
      spec: { podSpec: { containers: [{ name: 'main', image: 'busybox' }] }, replicas: 2, minAvailable: 2 },
      status: {},
    };
  }

  /** Leaving `minAvailable` out leaves it unset, to exercise its default (= replicas). */
  replicas(replicas: number, minAvailable?: number): this {
    const { minAvailable: _previous, ...spec } = this.podClique.spec;
    this.podClique.spec = { ...spec, replicas, ...(minAvailable !== undefined && { minAvailable }) };
    return this;
  }

  created(when: Date): this {
    this.podClique.metadata.creationTimestamp = when;
    return this;
  }

  ready(readyReplicas: number): this {
    return this.status({ readyReplicas });
  }

  /** `PodCliqueScheduled` with the given status since `since`. */
  scheduled(status: Status = 'True', since: Date = T0): this {
    return this.status({ conditions: withCondition(this.podClique.status?.conditions, CONDITION_TYPE.podCliqueScheduled, status, since) });
  }

  /** `MinAvailableBreached` with the given status since `since`. */
  breached(status: Status = 'True', since: Date = T0): this {
    return this.status({ conditions: withCondition(this.podClique.status?.conditions, CONDITION_TYPE.minAvailableBreached, status, since) });
  }

  /** Scheduled, not breached and with `minAvailable` pods Ready (so: available). */
  healthy(): this {
    const { replicas = 1, minAvailable = replicas } = this.podClique.spec;
    return this.scheduled('True').breached('False').ready(minAvailable);
  }

  /** Converged on this template hash and PCS generation: label, status hashes and every pod updated (§6.2). */
  converged(templateHash: string, generationHash: string): this {
    this.podClique.metadata.labels = { ...this.podClique.metadata.labels, [LABEL.podTemplateHash]: templateHash };
    return this.status({
      currentPodTemplateHash: templateHash,
      currentPodCliqueSetGenerationHash: generationHash,
      updatedReplicas: this.podClique.spec.replicas ?? 1,
    });
  }

  label(key: string, value: string): this {
    this.podClique.metadata.labels = { ...this.podClique.metadata.labels, [key]: value };
    return this;
  }

  terminating(): this {
    this.podClique.metadata.deletionTimestamp = T0;
    return this;
  }

  status(status: Partial<PodCliqueStatus>): this {
    this.podClique.status = { ...this.podClique.status, ...status };
    return this;
  }

  build(): PodClique {
    return structuredClone(this.podClique);
  }
}

/** The standalone PodClique `<pcs>-<replica>-<clique>` (§2.2). */
export function aStandalonePodClique(pcs: string, replicaIndex: number, clique: string): PodCliqueBuilder {
  return new PodCliqueBuilder(podCliqueName({ pcs, replicaIndex }, clique), {
    ...defaultLabels(pcs),
    [LABEL.component]: COMPONENT.pcsPodClique,
    [LABEL.podCliqueSetReplicaIndex]: String(replicaIndex),
  });
}

/** The member PodClique `<pcsgFQN>-<groupReplica>-<clique>` of PCSG `<pcs>-<pcsReplica>-<group>` (§2.4). */
export function aMemberPodClique(pcs: string, pcsReplica: number, group: string, groupReplica: number, clique: string): PodCliqueBuilder {
  const pcsg = podCliqueScalingGroupName({ pcs, replicaIndex: pcsReplica }, group);
  return new PodCliqueBuilder(scalingGroupPodCliqueName({ pcsg, replicaIndex: groupReplica }, clique), {
    ...defaultLabels(pcs),
    [LABEL.component]: COMPONENT.pcsgPodClique,
    [LABEL.podCliqueScalingGroup]: pcsg,
    [LABEL.podCliqueSetReplicaIndex]: String(pcsReplica),
    [LABEL.podCliqueScalingGroupReplicaIndex]: String(groupReplica),
  });
}

export class ScalingGroupBuilder {
  private readonly group: PodCliqueScalingGroup;

  constructor(pcs: string, replicaIndex: number, group: string, cliqueNames: string[]) {
    const name = podCliqueScalingGroupName({ pcs, replicaIndex }, group);
    this.group = {
      apiVersion: 'grove.io/v1alpha1',
      kind: 'PodCliqueScalingGroup',
      metadata: {
        name,
        namespace: 'default',
        creationTimestamp: T0,
        labels: {
          ...defaultLabels(pcs),
          [LABEL.name]: name,
          [LABEL.component]: COMPONENT.pcsPodCliqueScalingGroup,
          [LABEL.podCliqueSetReplicaIndex]: String(replicaIndex),
        },
      },
      spec: { replicas: 2, minAvailable: 1, cliqueNames },
      status: {},
    };
  }

  replicas(replicas: number | undefined, minAvailable?: number): this {
    this.group.spec = { cliqueNames: this.group.spec.cliqueNames };
    if (replicas !== undefined) this.group.spec.replicas = replicas;
    if (minAvailable !== undefined) this.group.spec.minAvailable = minAvailable;
    return this;
  }

  created(when: Date): this {
    this.group.metadata.creationTimestamp = when;
    return this;
  }

  available(availableReplicas: number): this {
    return this.status({ availableReplicas });
  }

  breached(status: Status = 'True', since: Date = T0): this {
    return this.status({ conditions: withCondition(this.group.status?.conditions, CONDITION_TYPE.minAvailableBreached, status, since) });
  }

  gangTerminationInProgress(since: Date = T0): this {
    return this.status({ conditions: withCondition(this.group.status?.conditions, CONDITION_TYPE.gangTerminationInProgress, 'True', since) });
  }

  terminating(): this {
    this.group.metadata.deletionTimestamp = T0;
    return this;
  }

  status(status: Partial<PodCliqueScalingGroupStatus>): this {
    this.group.status = { ...this.group.status, ...status };
    return this;
  }

  build(): PodCliqueScalingGroup {
    return structuredClone(this.group);
  }
}

/** The PCSG `<pcs>-<replica>-<group>`: replicas 2, minAvailable 1 unless changed. */
export function aScalingGroup(pcs: string, replicaIndex: number, group: string, cliqueNames: string[]): ScalingGroupBuilder {
  return new ScalingGroupBuilder(pcs, replicaIndex, group, cliqueNames);
}
