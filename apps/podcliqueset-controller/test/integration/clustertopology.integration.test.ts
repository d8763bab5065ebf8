/** ClusterTopologyBinding rules (grove-spec §1.4) through the real API server. */
import { afterEach, describe, expect, it } from 'vitest';
import { RUN_LABEL, useAdmissionWebhook } from './support/harness.js';

const LEVELS = [
  { domain: 'zone', key: 'topology.kubernetes.io/zone' },
  { domain: 'rack', key: 'topology.grove.io/rack' },
];
const WEBHOOK_PREFIX = 'admission webhook "clustertopology.validating.webhooks.grove.io" denied the request';

describe('admission webhook: ClusterTopologyBinding', () => {
  const harness = useAdmissionWebhook();
  const created: string[] = [];
  afterEach(async () => {
    for (const name of created.splice(0)) await harness().objects.deleteClusterTopologyBinding(name);
  });

  function binding(suffix: string, spec: Record<string, unknown>) {
    const { run } = harness();
    const name = `it-${run}-${suffix}`;
    created.push(name);
    return { apiVersion: 'grove.io/v1alpha1', kind: 'ClusterTopologyBinding', metadata: { name, labels: { [RUN_LABEL]: run } }, spec };
  }

  it('admits levels bound to a topology-aware scheduler', async () => {
    const outcome = await harness().objects.createClusterTopologyBinding(binding('ok', { levels: LEVELS, schedulerTopologyBindings: [{ schedulerName: 'podgang-scheduler', topologyReference: 'x' }] }));
    expect(outcome.kind, JSON.stringify(outcome)).toBe('admitted');
  });

  it.each<[string, Record<string, unknown>, string, boolean]>([
    ['a scheduler that is not enabled', { levels: LEVELS, schedulerTopologyBindings: [{ schedulerName: 'kai-scheduler', topologyReference: 'x' }] }, 'spec.schedulerTopologyBindings[0].schedulerName', true],
    ['a scheduler that is not topology-aware', { levels: LEVELS, schedulerTopologyBindings: [{ schedulerName: 'default-scheduler', topologyReference: 'x' }] }, 'spec.schedulerTopologyBindings[0].schedulerName', true],
    ['a repeated domain', { levels: [...LEVELS, { domain: 'zone', key: 'other.io/zone' }] }, 'spec.levels', false],
  ])('refuses %s, naming the field', async (name, spec, field, byWebhook) => {
    const outcome = await harness().objects.createClusterTopologyBinding(binding(name.replace(/[^a-z]+/g, '-').slice(0, 20).replace(/-+$/, ''), spec));
    expect(outcome.kind, JSON.stringify(outcome)).toBe('rejected');
    if (outcome.kind !== 'rejected') return;
    expect(outcome.message).toContain(field);
    if (byWebhook) expect(outcome.message).toContain(WEBHOOK_PREFIX);
  });
});
