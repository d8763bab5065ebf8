import { describe, expect, it, vi } from 'vitest';
import { applyJsonPatch, schedulerCatalog, type JsonValue } from '@grove/admission';
import type { TopologyLevel } from '@grove/api';
import { clusterTopologyValidationHandler, defaultingHandler, podCliqueSetValidationHandler, type HandlerDeps } from './handlers.js';
import type { AdmissionRequest, AdmissionResponse } from './review.js';

const levels: TopologyLevel[] = [
  { domain: 'zone', key: 'topology.kubernetes.io/zone' },
  { domain: 'rack', key: 'topology.grove.io/rack' },
];

/** A minimal valid PodCliqueSet as the API server hands it over (after schema defaults). */
function pcs(clique: Record<string, unknown> = {}, template: Record<string, unknown> = {}) {
  return {
    apiVersion: 'grove.io/v1alpha1',
    kind: 'PodCliqueSet',
    metadata: { name: 'demo', namespace: 'ns' },
    spec: {
      replicas: 1,
      template: {
        cliqueStartupType: 'CliqueStartupTypeAnyOrder',
        terminationDelay: '4h',
        headlessServiceConfig: { publishNotReadyAddresses: true },
        cliques: [{ name: 'a', spec: { roleName: 'a', replicas: 1, podSpec: { containers: [{ name: 'c', image: 'i' }] }, ...clique } }],
        ...template,
      },
    },
  };
}

const request = (object: unknown, operation: AdmissionRequest['operation'] = 'CREATE', oldObject?: unknown): AdmissionRequest => ({
  uid: 'uid-1',
  operation,
  namespace: 'ns',
  object,
  oldObject,
  dryRun: false,
});

const deps = (lookup: HandlerDeps['lookupTopology'] = async () => levels): HandlerDeps => ({
  topologyAwareScheduling: true,
  autoMnnvl: false,
  schedulers: schedulerCatalog([]),
  lookupTopology: lookup,
});

const signal = new AbortController().signal;
const patched = (object: unknown, response: AdmissionResponse) =>
  applyJsonPatch(object as JsonValue, JSON.parse(Buffer.from(response.patch ?? 'W10=', 'base64').toString()));

describe('defaultingHandler', () => {
  it('returns a JSON Patch that fills minAvailable from the replicas after defaulting', async () => {
    const object = pcs({ replicas: 0 });
    const response = await defaultingHandler()(request(object), signal);
    expect(response.allowed).toBe(true);
    const result = patched(object, response) as ReturnType<typeof pcs>;
    expect(result.spec.template.cliques[0]?.spec).toMatchObject({ replicas: 1, minAvailable: 1, podSpec: { restartPolicy: 'Always', terminationGracePeriodSeconds: 30 } });
  });

  it('allows, without a patch, an object whose fields have the wrong types (schema validation rejects it next)', async () => {
    expect(await defaultingHandler()(request({ spec: { template: { cliques: 'x' } } }), signal)).toEqual({ uid: 'uid-1', allowed: true });
    expect(await defaultingHandler()(request(undefined), signal)).toEqual({ uid: 'uid-1', allowed: true });
    // Found by the fuzz test: a null list item once reached the defaulter and threw.
    const nullClique = pcs();
    (nullClique.spec.template.cliques as unknown[]).push(null);
    expect(await defaultingHandler()(request(nullClique), signal)).toEqual({ uid: 'uid-1', allowed: true });
  });

  it('lets other operations through untouched', async () => {
    expect(await defaultingHandler()(request(pcs(), 'DELETE'), signal)).toEqual({ uid: 'uid-1', allowed: true });
  });
});

describe('podCliqueSetValidationHandler', () => {
  it('allows a valid object', async () => {
    expect((await podCliqueSetValidationHandler(deps())(request(pcs({ minAvailable: 1 })), signal)).allowed).toBe(true);
  });

  it('denies with every offending field named', async () => {
    const response = await podCliqueSetValidationHandler(deps())(request(pcs({ minAvailable: 3, startsAfter: ['a'] }, { cliqueStartupType: 'CliqueStartupTypeExplicit' })), signal);
    expect(response.allowed).toBe(false);
    expect(response.status?.message).toContain('spec.template.cliques[0].spec.minAvailable');
    expect(response.status?.message).toContain('spec.template.cliques[0].spec.startsAfter[0]');
  });

  it('looks up the named ClusterTopologyBinding on create and checks domains against it', async () => {
    const lookup = vi.fn(async () => levels);
    const object = pcs({ minAvailable: 1 }, { topologyConstraint: { topologyName: 'cluster', pack: { required: 'host' } } });
    const response = await podCliqueSetValidationHandler(deps(lookup))(request(object), signal);
    expect(lookup).toHaveBeenCalledWith('cluster', signal);
    expect(response.status?.message).toContain('spec.template.topologyConstraint.pack.required: Not found: "host"');
  });

  it('denies a constraint naming a binding that does not exist', async () => {
    const object = pcs({ minAvailable: 1 }, { topologyConstraint: { topologyName: 'ghost', pack: { required: 'zone' } } });
    const response = await podCliqueSetValidationHandler(deps(async () => undefined))(request(object), signal);
    expect(response.status?.message).toContain('spec.template.topologyConstraint.topologyName: Not found: "ghost"');
  });

  it('fails cleanly when the lookup fails', async () => {
    const object = pcs({ minAvailable: 1 }, { topologyConstraint: { topologyName: 'cluster', pack: { required: 'zone' } } });
    const response = await podCliqueSetValidationHandler(deps(() => Promise.reject(new Error('connection refused'))))(request(object), signal);
    expect(response).toMatchObject({ allowed: false, status: { code: 500, message: 'could not read the ClusterTopologyBinding: connection refused' } });
  });

  it('checks immutables on update and denies a malformed object with type errors', async () => {
    const before = pcs({ minAvailable: 1 });
    const after = pcs({ minAvailable: 1, roleName: 'changed' });
    expect((await podCliqueSetValidationHandler(deps())(request(after, 'UPDATE', before), signal)).status?.message).toContain('spec.template.cliques[0].spec.roleName: Forbidden');
    expect((await podCliqueSetValidationHandler(deps())(request({ metadata: {}, spec: 5 }), signal)).allowed).toBe(false);
  });
});

describe('clusterTopologyValidationHandler', () => {
  it('denies duplicate domains and allows a valid binding', async () => {
    const handler = clusterTopologyValidationHandler({ schedulers: schedulerCatalog([]) });
    const ct = (l: TopologyLevel[]) => ({ apiVersion: 'grove.io/v1alpha1', kind: 'ClusterTopologyBinding', metadata: { name: 'c' }, spec: { levels: l } });
    expect((await handler(request(ct(levels)), signal)).allowed).toBe(true);
    const response = await handler(request(ct([...levels, { domain: 'zone', key: 'x/y' }])), signal);
    expect(response.status?.message).toBe('spec.levels[2].domain: Duplicate value: "zone": must be unique');
  });
});
