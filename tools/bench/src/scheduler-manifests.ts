/**
 * Pods and PodGangs of the benchmark as plain objects. Pure.
 *
 * Gang pods carry `grove.io/podgang=<gang>` and `grove.io/podclique=<podgroup>` (grove-spec §1.5,
 * §1.8); the PodGang has one PodGroup per gang with `minReplicas` = its pod count, its pod
 * references sorted by name and the gang's required pack constraint. kube-scheduler gets the same
 * pods under its own scheduler name and no PodGang: it has no way to say "one rack, any rack".
 */
import type { V1Pod } from '@kubernetes/client-node';
import type { PodGang } from '@grove/api';
import { LABEL, PodGangGVK } from '@grove/api';
import { podNames, type GangSpec } from './scheduler-workload.js';

export const GPU = 'nvidia.com/gpu';
/** Every benchmark pod has it, so one selector finds them all. */
export const BENCH_LABEL = 'bench.grove.io/workload';

interface PodShape {
  readonly namespace: string;
  readonly name: string;
  readonly schedulerName: string;
  readonly workload: string;
  readonly gpus: number;
  readonly labels?: Readonly<Record<string, string>>;
}

/** 1 CPU and 1Gi, plus `gpus` GPUs (requests = limits, as extended resources require). */
export function podManifest(shape: PodShape): V1Pod {
  const requests: Record<string, string> = { cpu: '1', memory: '1Gi', ...(shape.gpus > 0 && { [GPU]: String(shape.gpus) }) };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: shape.name, namespace: shape.namespace, labels: { [BENCH_LABEL]: shape.workload, ...shape.labels } },
    spec: {
      schedulerName: shape.schedulerName,
      automountServiceAccountToken: false,
      terminationGracePeriodSeconds: 0,
      containers: [{ name: 'main', image: 'registry.local/bench:1', resources: { requests, ...(shape.gpus > 0 && { limits: { [GPU]: String(shape.gpus) } }) } }],
    },
  };
}

export function plainPods(names: readonly string[], namespace: string, schedulerName: string): V1Pod[] {
  return names.map((name) => podManifest({ namespace, name, schedulerName, workload: 'plain', gpus: 0 }));
}

/** The PodGroup of a gang is named after it; the gang has exactly one. */
export function podGroupName(gang: GangSpec): string {
  return gang.name;
}

export function gangPods(gang: GangSpec, namespace: string, schedulerName: string, withGangLabels: boolean): V1Pod[] {
  const labels = withGangLabels ? { [LABEL.podGang]: gang.name, [LABEL.podClique]: podGroupName(gang) } : undefined;
  return podNames(gang).map((name) =>
    podManifest({ namespace, name, schedulerName, workload: 'gang', gpus: gang.gpusPerPod, ...(labels && { labels }) }),
  );
}

export function podGangManifest(gang: GangSpec, namespace: string): PodGang {
  const references = podNames(gang).sort().map((name) => ({ namespace, name }));
  return {
    apiVersion: `${PodGangGVK.group}/${PodGangGVK.version}`,
    kind: 'PodGang',
    metadata: { name: gang.name, namespace },
    spec: {
      podgroups: [
        {
          name: podGroupName(gang),
          minReplicas: gang.pods,
          podReferences: references,
          ...(gang.required !== undefined && { topologyConstraint: { packConstraint: { required: gang.required } } }),
        },
      ],
    },
  };
}
