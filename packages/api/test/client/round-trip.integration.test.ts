/** The typed client round-trips every generated kind against the real API server. */
import { randomBytes } from 'node:crypto';
import { adminKubeConfig, useTestNamespace } from '@grove/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { createGroveClient } from '../../src/client/index.js';
import {
  ClusterTopologyBindingGVK,
  isClusterTopologyBinding,
  isPodClique,
  isPodCliqueScalingGroup,
  isPodCliqueSet,
  isPodGang,
  PodCliqueGVK,
  PodCliqueScalingGroupGVK,
  PodCliqueSetGVK,
  PodGangGVK,
} from '../../src/generated/index.js';
import { installGroveCrds } from '../../src/install-crds.js';
import { APPLIED_LABEL, roundTrip, scaleToThree } from './round-trip.js';

const kc = adminKubeConfig();
const client = createGroveClient(kc);
const podSpec = { containers: [{ name: 'main', image: 'registry.k8s.io/pause:3.10' }] };
const applied = { [APPLIED_LABEL]: 'yes' };

beforeAll(() => installGroveCrds(kc), 120_000);

describe('typed client round trip', () => {
  const ns = useTestNamespace(() => kc, 'api-client');

  it('PodCliqueSet', async () => {
    const key = { namespace: ns(), name: 'inference' };
    const clique = { name: 'prefill', spec: { roleName: 'prefill', podSpec, replicas: 2, minAvailable: 1 } };
    await roundTrip(
      client,
      {
        gvk: PodCliqueSetGVK,
        key,
        object: { metadata: key, spec: { replicas: 1, template: { cliques: [clique] } } },
        apply: { metadata: { ...key, labels: applied }, spec: { template: { cliques: [clique], priorityClassName: 'high' } } },
        applied: (o) => expect(o.spec.template.priorityClassName).toBe('high'),
        status: { replicas: 1, availableReplicas: 1, hpaPodSelector: 'app=x' },
        statusCheck: (o) => expect(o.status).toMatchObject({ replicas: 1, availableReplicas: 1 }),
        beforeDelete: () => scaleToThree(client, PodCliqueSetGVK, key, (o) => o.spec.replicas),
      },
      isPodCliqueSet,
    );
  });

  it('PodClique', async () => {
    const key = { namespace: ns(), name: 'pcs-0-prefill' };
    await roundTrip(
      client,
      {
        gvk: PodCliqueGVK,
        key,
        object: { metadata: key, spec: { roleName: 'prefill', podSpec, replicas: 2, minAvailable: 1 } },
        apply: { metadata: { ...key, labels: applied }, spec: { podSpec, minAvailable: 2 } },
        applied: (o) => expect(o.spec.minAvailable).toBe(2),
        status: { replicas: 2, readyReplicas: 1, hpaPodSelector: 'app=x' },
        statusCheck: (o) => expect(o.status).toMatchObject({ replicas: 2, readyReplicas: 1 }),
        beforeDelete: () => scaleToThree(client, PodCliqueGVK, key, (o) => o.spec.replicas),
      },
      isPodClique,
    );
  });

  it('PodCliqueScalingGroup', async () => {
    const key = { namespace: ns(), name: 'pcs-0-decode' };
    await roundTrip(
      client,
      {
        gvk: PodCliqueScalingGroupGVK,
        key,
        object: { metadata: key, spec: { replicas: 1, minAvailable: 1, cliqueNames: ['dec-a', 'dec-b'] } },
        apply: { metadata: { ...key, labels: applied }, spec: { cliqueNames: ['dec-a', 'dec-b'] } },
        applied: (o) => expect(o.spec.cliqueNames).toEqual(['dec-a', 'dec-b']),
        status: { replicas: 1, availableReplicas: 1, selector: 'app=x' },
        statusCheck: (o) => expect(o.status).toMatchObject({ replicas: 1, availableReplicas: 1 }),
        beforeDelete: () => scaleToThree(client, PodCliqueScalingGroupGVK, key, (o) => o.spec.replicas),
      },
      isPodCliqueScalingGroup,
    );
  });

  it('PodGang', async () => {
    const key = { namespace: ns(), name: 'pcs-0' };
    const podgroups = [{ name: 'pcs-0-prefill', podReferences: [{ namespace: ns(), name: 'p-1' }], minReplicas: 1 }];
    await roundTrip(
      client,
      {
        gvk: PodGangGVK,
        key,
        object: { metadata: key, spec: { podgroups } },
        apply: { metadata: { ...key, labels: applied }, spec: { podgroups, priorityClassName: 'high' } },
        applied: (o) => expect(o.spec.priorityClassName).toBe('high'),
        status: { phase: 'Pending' },
        statusCheck: (o) => expect(o.status?.phase).toBe('Pending'),
      },
      isPodGang,
    );
  });

  it('ClusterTopologyBinding (cluster-scoped)', async () => {
    const key = { name: `it-${randomBytes(3).toString('hex')}` };
    const levels = [{ domain: 'zone', key: 'topology.kubernetes.io/zone' }];
    try {
      await roundTrip(
        client,
        {
          gvk: ClusterTopologyBindingGVK,
          key,
          object: { metadata: key, spec: { levels } },
          apply: { metadata: { ...key, labels: applied }, spec: { levels: [...levels, { domain: 'host', key: 'kubernetes.io/hostname' }] } },
          applied: (o) => expect(o.spec.levels.map((l) => l.domain)).toEqual(['zone', 'host']),
          status: { observedGeneration: 1 },
          statusCheck: (o) => expect(o.status?.observedGeneration).toBe(1),
        },
        isClusterTopologyBinding,
      );
    } finally {
      await client.delete(ClusterTopologyBindingGVK, key).catch(() => undefined);
    }
  });
});
