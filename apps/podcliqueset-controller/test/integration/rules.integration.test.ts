/**
 * Every webhook rule through the real API server: the invalid object is refused with a message
 * naming the offending field. Rules that only code can check must be refused by our webhook; rules
 * that CEL also states are refused by whichever runs first (schema validation runs before
 * validating webhooks), and the field must be named either way.
 */
import type { PodCliqueSet } from '@grove/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RUN_LABEL, useAdmissionWebhook, useWebhookNamespace } from './support/harness.js';
import { aSample, clique } from './support/samples.js';

type By = 'webhook' | 'any';
type Case = [name: string, sample: string, change: (pcs: PodCliqueSet, ct: string) => void, field: string, by: By];

const C0 = 'spec.template.cliques[0]';
const env = (pcs: PodCliqueSet, vars: { name: string; value: string }[]) => {
  const container = clique(pcs, 0).spec.podSpec.containers[0];
  if (container) container.env = vars;
};

const CREATE_CASES: Case[] = [
  ['a startsAfter cycle', 'simple2-explicit-startup-order', (p) => (clique(p, 0).spec.startsAfter = ['pcd']), `${C0}.spec.startsAfter`, 'webhook'],
  ['the 45-character pod-name budget', 'simple1', (p) => (p.metadata.name = 'a'.repeat(43)), 'spec.template.cliques', 'any'],
  ['an invalid env var name', 'simple1', (p) => env(p, [{ name: '1BAD', value: 'x' }]), `${C0}.spec.podSpec.containers[0].env[0].name`, 'webhook'],
  ['a repeated env var name', 'simple1', (p) => env(p, [{ name: 'A', value: '1' }, { name: 'A', value: '2' }]), `${C0}.spec.podSpec.containers[0].env[1]`, 'any'],
  ['an invalid label key', 'simple1', (p) => (clique(p, 0).labels = { 'not a key': 'v' }), `${C0}.labels`, 'webhook'],
  ['a scheduler that is not enabled', 'single-node-aggregated', (p) => (clique(p, 0).spec.podSpec.schedulerName = 'kai-scheduler'), `${C0}.spec.podSpec.schedulerName`, 'webhook'],
  ['cliques with different schedulers', 'simple1', (p) => (clique(p, 1).spec.podSpec.schedulerName = 'podgang-scheduler'), 'spec.template.cliques[1].spec.podSpec.schedulerName', 'webhook'],
  ['a domain the ClusterTopologyBinding lacks', 'simple1', (p, ct) => (p.spec.template.topologyConstraint = { topologyName: ct, pack: { required: 'region' } }), 'spec.template.topologyConstraint.pack.required', 'webhook'],
  ['a ClusterTopologyBinding that does not exist', 'simple1', (p, ct) => (p.spec.template.topologyConstraint = { topologyName: `${ct}-ghost`, pack: { required: 'zone' } }), 'spec.template.topologyConstraint.topologyName', 'webhook'],
  [
    'a PodCliqueSet constraint narrower than a clique',
    'simple1',
    (p, ct) => {
      p.spec.template.topologyConstraint = { topologyName: ct, pack: { required: 'rack' } };
      clique(p, 3).topologyConstraint = { pack: { required: 'zone' } };
    },
    'spec.template.topologyConstraint.pack.required',
    'webhook',
  ],
  ['an MNNVL group while MNNVL is disabled', 'simple1', (p) => (p.metadata.annotations = { 'grove.io/mnnvl-group': 'g1' }), 'metadata.annotations[grove.io/mnnvl-group]', 'webhook'],
  ['minAvailable above replicas', 'simple1', (p) => (clique(p, 1).spec.minAvailable = 5), 'spec.template.cliques[1].spec.minAvailable', 'any'],
  ['a repeated roleName', 'simple1', (p) => (clique(p, 1).spec.roleName = 'rolea'), 'roleName', 'any'],
  ['autoScalingConfig on a scaling-group clique', 'simple1', (p) => (clique(p, 1).spec.autoScalingConfig = { maxReplicas: 4 }), 'spec.template.cliques', 'any'],
  ['nodeName on create', 'simple1', (p) => (clique(p, 0).spec.podSpec.nodeName = 'kwok-node-0000'), `${C0}.spec.podSpec.nodeName`, 'any'],
  ['a startsAfter naming no clique', 'simple2-explicit-startup-order', (p) => (clique(p, 1).spec.startsAfter = ['ghost']), 'spec.template.cliques', 'any'],
];

const UPDATE_CASES: Case[] = [
  ['a changed roleName', 'simple1', (p) => (clique(p, 0).spec.roleName = 'changed'), `${C0}.spec.roleName`, 'any'],
  ['reordered cliques under Explicit startup', 'simple2-explicit-startup-order', (p) => p.spec.template.cliques.reverse(), 'spec.template.cliques', 'any'],
  ['a changed minAvailable', 'simple1', (p) => (clique(p, 1).spec.minAvailable = 1), 'spec.template.cliques[1].spec.minAvailable', 'any'],
];

const WEBHOOK_PREFIX = 'admission webhook "pcs.validating.webhooks.grove.io" denied the request';

describe('admission webhook: rules through the API server', () => {
  const harness = useAdmissionWebhook();
  const namespace = useWebhookNamespace(harness, 'rules');
  let ct = '';

  beforeAll(async () => {
    const { objects, run } = harness();
    ct = `it-${run}`;
    const levels = [
      { domain: 'zone', key: 'topology.kubernetes.io/zone' },
      { domain: 'block', key: 'topology.grove.io/block' },
      { domain: 'rack', key: 'topology.grove.io/rack' },
      { domain: 'host', key: 'kubernetes.io/hostname' },
    ];
    const created = await objects.createClusterTopologyBinding({ apiVersion: 'grove.io/v1alpha1', kind: 'ClusterTopologyBinding', metadata: { name: ct, labels: { [RUN_LABEL]: run } }, spec: { levels } });
    expect(created.kind).toBe('admitted');
  });
  afterAll(async () => {
    if (ct) await harness().objects.deleteClusterTopologyBinding(ct);
  });

  it('admits each base sample (the cases below change one thing)', async () => {
    for (const name of ['simple1', 'simple2-explicit-startup-order', 'single-node-aggregated']) {
      expect((await harness().objects.createPodCliqueSet(namespace(), aSample(name), true)).kind).toBe('admitted');
    }
  });

  it.each(CREATE_CASES)('refuses %s on create, naming the field', async (_name, sample, change, field, by) => {
    const outcome = await harness().objects.createPodCliqueSet(namespace(), aSample(sample, (p) => change(p, ct)));
    expect(outcome.kind, JSON.stringify(outcome)).toBe('rejected');
    if (outcome.kind !== 'rejected') return;
    expect(outcome.message).toContain(field);
    if (by === 'webhook') expect(outcome.message).toContain(WEBHOOK_PREFIX);
  });

  it.each(UPDATE_CASES)('refuses %s on update, naming the field', async (_name, sample, change, field) => {
    const { objects } = harness();
    const created = await objects.createPodCliqueSet(namespace(), aSample(sample));
    if (created.kind !== 'admitted') throw new Error(`create failed: ${JSON.stringify(created)}`);
    const updated = structuredClone(created.object) as unknown as PodCliqueSet;
    change(updated, ct);
    const outcome = await objects.replacePodCliqueSet(namespace(), updated.metadata.name ?? '', updated);
    expect(outcome.kind, JSON.stringify(outcome)).toBe('rejected');
    if (outcome.kind === 'rejected') expect(outcome.message).toContain(field);
  });

  it('admits a topology constraint that fits the binding, inherited by a clique', async () => {
    const pcs = aSample('simple1', (p) => {
      p.spec.template.topologyConstraint = { topologyName: ct, pack: { required: 'zone' } };
      clique(p, 3).topologyConstraint = { pack: { required: 'rack', preferred: 'host' } };
    });
    const outcome = await harness().objects.createPodCliqueSet(namespace(), pcs);
    expect(outcome.kind, JSON.stringify(outcome)).toBe('admitted');
  });
});
