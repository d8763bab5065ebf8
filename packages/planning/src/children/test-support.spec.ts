/**
 * Test support for the children tests (named `.spec.ts` so it is test-only everywhere: excluded
 * from the library build and lint-treated as a test, yet not collected by vitest, which runs
 * `*.test.ts`).
 *
 * The samples are Grove's shipped YAMLs (packages/api/test/fixtures/grove-samples/**) as literals:
 * this package may not read files, even in tests. Tolerations, commands and resources are left out;
 * nothing here depends on them.
 */
import type { V1Container, V1EnvVar } from '@kubernetes/client-node';
import type { PodClique, PodCliqueSet, PodCliqueTemplateSpec } from '@grove/api';

function sampleClique(name: string, replicas: number, extra: Partial<PodCliqueTemplateSpec['spec']> = {}): PodCliqueTemplateSpec {
  return { name, spec: { roleName: name, replicas, podSpec: { containers: [{ name, image: 'nginx:latest' }] }, ...extra } };
}

/** user-guide/01_core-concepts/multi-node-disaggregated.yaml: prefill (pleader+pworker ×2) and decode (dleader+dworker). */
export function multiNodeDisaggregated(): PodCliqueSet {
  return {
    apiVersion: 'grove.io/v1alpha1',
    kind: 'PodCliqueSet',
    metadata: { name: 'multinode-disaggregated', namespace: 'default' },
    spec: {
      replicas: 1,
      template: {
        cliques: [sampleClique('pleader', 1), sampleClique('pworker', 4), sampleClique('dleader', 1), sampleClique('dworker', 2)],
        podCliqueScalingGroups: [
          { name: 'prefill', cliqueNames: ['pleader', 'pworker'], replicas: 2 },
          { name: 'decode', cliqueNames: ['dleader', 'dworker'], replicas: 1 },
        ],
      },
    },
  };
}

/**
 * simple/simple3-explicit-startup-order.yaml: pca → {pcb, pcc} → {pcd, pce}, where pcb, pcc and
 * pcd form scaling group `sga` (replicas 3, minAvailable 2) and pca, pce stand alone.
 */
export function simple3(): PodCliqueSet {
  return {
    apiVersion: 'grove.io/v1alpha1',
    kind: 'PodCliqueSet',
    metadata: { name: 'simple3', labels: { app: 'simple3' } },
    spec: {
      replicas: 1,
      template: {
        terminationDelay: '1m',
        cliqueStartupType: 'CliqueStartupTypeExplicit',
        cliques: [
          sampleClique('pca', 3, { autoScalingConfig: { maxReplicas: 5 } }),
          sampleClique('pcb', 2, { startsAfter: ['pca'] }),
          sampleClique('pcc', 2, { startsAfter: ['pca'] }),
          sampleClique('pcd', 2, { startsAfter: ['pcb', 'pcc'] }),
          sampleClique('pce', 2, { startsAfter: ['pcb', 'pcc'] }),
        ],
        podCliqueScalingGroups: [{ name: 'sga', replicas: 3, minAvailable: 2, cliqueNames: ['pcb', 'pcc', 'pcd'], scaleConfig: { maxReplicas: 6 } }],
      },
    },
  };
}

/** user-guide/03_environment-variables-for-pod-discovery/pcsg-env-vars.yaml: group `model-instance` of leader(1)+worker(3), 2 replicas. */
export function pcsgEnvDemo(): PodCliqueSet {
  return {
    apiVersion: 'grove.io/v1alpha1',
    kind: 'PodCliqueSet',
    metadata: { name: 'env-demo-pcsg', namespace: 'default' },
    spec: {
      replicas: 1,
      template: {
        cliques: [sampleClique('leader', 1), sampleClique('worker', 3)],
        podCliqueScalingGroups: [{ name: 'model-instance', cliqueNames: ['leader', 'worker'], replicas: 2 }],
      },
    },
  };
}

/** The container `name` of a PodClique's podSpec (init containers included). */
export function containerOf(pclq: PodClique, name: string): V1Container {
  const all = [...pclq.spec.podSpec.containers, ...(pclq.spec.podSpec.initContainers ?? [])];
  const container = all.find((c) => c.name === name);
  if (container === undefined) throw new Error(`no container ${name} in ${pclq.metadata.name ?? '?'}`);
  return container;
}

export function envNames(container: V1Container): string[] {
  return (container.env ?? []).map((v) => v.name);
}

/**
 * What a pod of this PodClique would see for each env var: literal values as they are, and
 * `metadata.labels['k']` field refs read from `podLabels` (pods inherit their PodClique's labels).
 */
export function resolvedEnv(container: V1Container, podLabels: Readonly<Record<string, string>>): Record<string, string | undefined> {
  return Object.fromEntries((container.env ?? []).map((v) => [v.name, resolveEnvVar(v, podLabels)]));
}

function resolveEnvVar(envVar: V1EnvVar, podLabels: Readonly<Record<string, string>>): string | undefined {
  const path = envVar.valueFrom?.fieldRef?.fieldPath;
  if (path === undefined) return envVar.value;
  const label = /^metadata\.labels\['(.+)'\]$/.exec(path)?.[1];
  return label === undefined ? undefined : podLabels[label];
}
