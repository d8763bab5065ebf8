/**
 * Fixture builders for the rule tests: a valid PodCliqueSet by default, changed one aspect at a
 * time, so each test states only what it is about.
 */
import type {
  ClusterTopologyBinding,
  PodCliqueScalingGroupConfig,
  PodCliqueSet,
  PodCliqueSetTemplateSpec,
  PodCliqueSpec,
  PodCliqueTemplateSpec,
} from '@grove/api';

/** Overrides where `undefined` means "leave the field out" (for defaulting tests). */
type Overrides<T> = { [K in keyof T]?: T[K] | undefined };
type CliqueExtras = Overrides<Omit<PodCliqueTemplateSpec, 'name' | 'spec'>>;
type TemplateOverrides = Overrides<Omit<PodCliqueSetTemplateSpec, 'cliques' | 'podCliqueScalingGroups'>>;

function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export class PodCliqueSetBuilder {
  private readonly cliques: PodCliqueTemplateSpec[] = [];
  private readonly groups: PodCliqueScalingGroupConfig[] = [];
  private template: TemplateOverrides = {};
  private replicaCount = 1;

  constructor(private readonly name: string) {}

  replicas(n: number): this {
    this.replicaCount = n;
    return this;
  }

  /** A clique with one container, roleName = name, replicas 1 and minAvailable 1 unless overridden. */
  clique(name: string, spec: Overrides<PodCliqueSpec> = {}, extras: CliqueExtras = {}): this {
    const podSpec = { containers: [{ name: 'main', image: 'busybox' }], ...spec.podSpec };
    const fullSpec = defined({ roleName: name, replicas: 1, minAvailable: 1, ...spec, podSpec }) as PodCliqueSpec;
    this.cliques.push(defined({ name, ...extras, spec: fullSpec }) as PodCliqueTemplateSpec);
    return this;
  }

  scalingGroup(name: string, cliqueNames: string[], config: Overrides<PodCliqueScalingGroupConfig> = {}): this {
    this.groups.push(defined({ name, cliqueNames, replicas: 1, minAvailable: 1, ...config }) as PodCliqueScalingGroupConfig);
    return this;
  }

  with(template: TemplateOverrides): this {
    this.template = { ...this.template, ...template };
    return this;
  }

  explicitStartup(): this {
    return this.with({ cliqueStartupType: 'CliqueStartupTypeExplicit' });
  }

  build(): PodCliqueSet {
    const template = defined({
      cliqueStartupType: 'CliqueStartupTypeAnyOrder',
      terminationDelay: '4h',
      headlessServiceConfig: { publishNotReadyAddresses: true },
      ...this.template,
      cliques: structuredClone(this.cliques),
      ...(this.groups.length > 0 && { podCliqueScalingGroups: structuredClone(this.groups) }),
    }) as PodCliqueSetTemplateSpec;
    return {
      apiVersion: 'grove.io/v1alpha1',
      kind: 'PodCliqueSet',
      metadata: { name: this.name, namespace: 'default' },
      spec: { replicas: this.replicaCount, updateStrategy: { type: 'RollingRecreate' }, template },
    };
  }
}

export function aPodCliqueSet(name = 'inference'): PodCliqueSetBuilder {
  return new PodCliqueSetBuilder(name);
}

/** The local cluster's hierarchy (docs/local-cluster.md): zone > block > rack > host. */
export function aClusterTopologyBinding(name = 'cluster', overrides: Partial<ClusterTopologyBinding['spec']> = {}): ClusterTopologyBinding {
  return {
    apiVersion: 'grove.io/v1alpha1',
    kind: 'ClusterTopologyBinding',
    metadata: { name },
    spec: {
      levels: [
        { domain: 'zone', key: 'topology.kubernetes.io/zone' },
        { domain: 'block', key: 'topology.grove.io/block' },
        { domain: 'rack', key: 'topology.grove.io/rack' },
        { domain: 'host', key: 'kubernetes.io/hostname' },
      ],
      ...overrides,
    },
  };
}
