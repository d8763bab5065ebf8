/**
 * The two topology migrations Grove allows on update (grove-spec §8): a legacy constraint with the
 * deprecated packDomain may gain a missing topologyName, and may move packDomain to pack.required with
 * the same domain; any other change is refused. Such a legacy object cannot be created any more (the
 * PodCliqueSet refuses packDomain on create), so the generated TopologyConstraint schema — with its
 * CEL rules — is mounted in a throwaway CRD of a private group, where it can.
 */
import { randomBytes } from 'node:crypto';
import { ApiextensionsV1Api, CustomObjectsApi, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { eventually } from '@grove/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCrds } from '../../src/index.js';
import { rejection } from './support/api.js';
import { at, type Json, type Manifest, patched } from './support/manifest.js';
import { useCrdSuite } from './support/suite.js';

const suite = useCrdSuite('crd-topology-migration');
const group = `tc-${randomBytes(3).toString('hex')}.test.grove.io`;
const plural = 'probes';
const version = 'v1alpha1';

/** The generated schema as plain JSON (readCrds parses YAML; keys stay `x-kubernetes-validations`). */
function topologyConstraintSchema(): Json {
  const pcs = readCrds().find((crd) => crd.metadata?.name === 'podcliquesets.grove.io');
  const schema = at(pcs as unknown as Manifest, 'spec.versions.0.schema.openAPIV3Schema.properties.spec.properties.template.properties.topologyConstraint');
  if (!schema) throw new Error('the PodCliqueSet CRD has no spec.template.topologyConstraint schema');
  return schema;
}

/** A CRD whose objects are `{spec: {topologyConstraint}}` with the PodCliqueSet's constraint schema. */
function probeCrd(): Manifest {
  const spec = { type: 'object', properties: { topologyConstraint: topologyConstraintSchema() } };
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.${group}` },
    spec: {
      group,
      scope: 'Namespaced',
      names: { plural, singular: 'probe', kind: 'Probe' },
      versions: [{ name: version, served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec } } } }],
    },
  };
}

describe('topologyConstraint migrations of legacy objects', () => {
  const extensions = () => suite.kc.makeApiClient(ApiextensionsV1Api);
  const objects = () => suite.kc.makeApiClient(CustomObjectsApi);

  beforeAll(async () => {
    // Server-side apply sends the JSON as it is; create() would run it through client-node's typed
    // serializer, which drops keys it does not know in that spelling (x-kubernetes-validations).
    await extensions().patchCustomResourceDefinition(
      { name: `${plural}.${group}`, fieldManager: 'grove-crd-tests', body: probeCrd() },
      setHeaderOptions('Content-Type', PatchStrategy.ServerSideApply),
    );
  });
  afterAll(async () => {
    await extensions().deleteCustomResourceDefinition({ name: `${plural}.${group}` });
  });

  async function legacy(name: string, topologyConstraint: Manifest): Promise<Manifest> {
    const body = { apiVersion: `${group}/${version}`, kind: 'Probe', metadata: { name }, spec: { topologyConstraint } };
    const target = { group, version, namespace: suite.namespace(), plural };
    // The new CRD takes a moment to be served.
    const created: unknown = await eventually(() => objects().createNamespacedCustomObject({ ...target, body }), { timeoutMs: 20_000 });
    return created as Manifest;
  }

  const update = (body: Manifest) =>
    objects().replaceNamespacedCustomObject({ group, version, namespace: suite.namespace(), plural, name: String(at(body, 'metadata.name')), body, dryRun: 'All' });

  it('allows adding a missing topologyName and moving packDomain to pack.required', async () => {
    const stored = await legacy('without-name', { packDomain: 'rack' });
    await update(patched(stored, { 'spec.topologyConstraint.topologyName': 'grove-topology' }));
    await update(patched(stored, { 'spec.topologyConstraint': { pack: { required: 'rack' } } }));
    await update(patched(stored, { 'spec.topologyConstraint': { topologyName: 'grove-topology', pack: { required: 'rack' } } }));
  });

  it.each([
    ['changing the domain', { packDomain: 'zone' }],
    ['moving to pack.required with another domain', { pack: { required: 'zone' } }],
    ['adding a preferred domain while moving', { pack: { required: 'rack', preferred: 'host' } }],
  ])('refuses %s', async (_change, topologyConstraint) => {
    const stored = await legacy(`refuse-${randomBytes(2).toString('hex')}`, { packDomain: 'rack' });
    const message = await rejection(update(patched(stored, { 'spec.topologyConstraint': topologyConstraint })));
    expect(message).toContain('spec.topologyConstraint');
    expect(message).toContain('topologyConstraint is immutable');
  });

  it('refuses changing a topologyName that was already set', async () => {
    const stored = await legacy('with-name', { topologyName: 'grove-topology', packDomain: 'rack' });
    await update(patched(stored, { 'spec.topologyConstraint': { topologyName: 'grove-topology', pack: { required: 'rack' } } }));
    const message = await rejection(update(patched(stored, { 'spec.topologyConstraint.topologyName': 'other-topology' })));
    expect(message).toContain('topologyConstraint is immutable');
  });
});
