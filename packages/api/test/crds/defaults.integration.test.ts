/** Schema defaults, read back from what the API server stores (grove-spec §1, §9.1). */
import { describe, expect, it } from 'vitest';
import { at, type Manifest, patched } from './support/manifest.js';
import { aPodClique, aPodCliqueScalingGroup, aPodSpec, GROVE } from './support/objects.js';
import { useCrdSuite } from './support/suite.js';

const suite = useCrdSuite('crd-defaults');

const minimalPcs = (name: string, template: Manifest = {}): Manifest => ({
  apiVersion: GROVE,
  kind: 'PodCliqueSet',
  metadata: { name },
  spec: {
    template: {
      cliques: [
        { name: 'solo', spec: { podSpec: aPodSpec() } },
        // Two cliques without roleName would collide (an unset roleName counts as "", as in Grove).
        { name: 'member', spec: { roleName: 'member', podSpec: aPodSpec() } },
      ],
      podCliqueScalingGroups: [{ name: 'group', cliqueNames: ['member'] }],
      ...template,
    },
  },
});

describe('schema defaults', () => {
  it('fills the PodCliqueSet defaults of a minimal object', async () => {
    const stored = await suite.api().create('PodCliqueSet', suite.namespace(), minimalPcs('minimal'));
    expect(at(stored, 'spec.replicas')).toBe(0);
    expect(at(stored, 'spec.updateStrategy')).toBeUndefined();
    expect(at(stored, 'spec.template.cliqueStartupType')).toBe('CliqueStartupTypeAnyOrder');
    expect(at(stored, 'spec.template.headlessServiceConfig')).toEqual({ publishNotReadyAddresses: true });
    expect(at(stored, 'spec.template.terminationDelay')).toBe('4h');
    expect(at(stored, 'spec.template.cliques.0.spec.replicas')).toBe(1);
    expect(at(stored, 'spec.template.cliques.0.spec.minAvailable')).toBeUndefined(); // the webhook's job
    expect(at(stored, 'spec.template.podCliqueScalingGroups.0.replicas')).toBe(1);
    expect(at(stored, 'spec.template.podCliqueScalingGroups.0.minAvailable')).toBe(1);
  });

  it('defaults fields inside structs the user gave, and keeps explicit values', async () => {
    const stored = await suite.api().create(
      'PodCliqueSet',
      suite.namespace(),
      patched(minimalPcs('partial', { headlessServiceConfig: {}, terminationDelay: '30s' }), { 'spec.updateStrategy': {} }),
    );
    expect(at(stored, 'spec.updateStrategy.type')).toBe('RollingRecreate');
    expect(at(stored, 'spec.template.headlessServiceConfig.publishNotReadyAddresses')).toBe(true);
    expect(at(stored, 'spec.template.terminationDelay')).toBe('30s');

    const off = await suite.api().create('PodCliqueSet', suite.namespace(), minimalPcs('no-publish', { headlessServiceConfig: { publishNotReadyAddresses: false } }));
    expect(at(off, 'spec.template.headlessServiceConfig.publishNotReadyAddresses')).toBe(false);
  });

  it('adds no empty Kubernetes zero values to an embedded PodSpec, but keeps explicit Kubernetes defaults', async () => {
    const podSpec = { containers: [{ name: 'main', image: 'registry.k8s.io/pause:3.10', ports: [{ containerPort: 8080 }] }] };
    const stored = await suite.api().create('PodClique', suite.namespace(), { ...aPodClique('ports'), spec: { podSpec } });
    // `protocol` is a list-map key with the explicit default TCP in Kubernetes' schema (as controller-gen keeps it);
    // zero defaults such as `resources: {}` are not added.
    expect(at(stored, 'spec.podSpec.containers.0')).toEqual({ ...podSpec.containers[0], ports: [{ containerPort: 8080, protocol: 'TCP' }] });
    expect(at(stored, 'spec.replicas')).toBe(1);
  });

  it('fills the PodCliqueScalingGroup defaults', async () => {
    const stored = await suite.api().create('PodCliqueScalingGroup', suite.namespace(), aPodCliqueScalingGroup());
    expect(at(stored, 'spec.replicas')).toBe(1);
    expect(at(stored, 'spec.minAvailable')).toBe(1);
  });
});
