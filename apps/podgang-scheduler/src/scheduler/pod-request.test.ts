import { describe, expect, it } from 'vitest';
import type { V1Pod } from '@kubernetes/client-node';
import { aPod } from '../../test/support/builders.js';
import { isPendingFor, holdsCapacity } from './pod-facts.js';
import { toPodRequest, unsupportedReason } from './pod-request.js';

function withSpec(pod: V1Pod, spec: Partial<NonNullable<V1Pod['spec']>>): V1Pod {
  return { ...pod, spec: { ...(pod.spec as NonNullable<V1Pod['spec']>), ...spec } };
}

describe('toPodRequest', () => {
  it('takes requests (max of init, sum of containers, plus overhead), selector, affinity and tolerations', () => {
    const pod = withSpec(aPod('p', { nodeSelector: { rack: 'r1' }, tolerations: [{ key: 'pool', operator: 'Equal', value: 'a', effect: 'NoSchedule' }] }), {
      containers: [
        { name: 'a', resources: { requests: { cpu: '500m', 'nvidia.com/gpu': '2' } } },
        { name: 'b', resources: { requests: { cpu: '250m', memory: '1Gi' } } },
      ],
      initContainers: [{ name: 'init', resources: { requests: { cpu: '2' } } }],
      overhead: { cpu: '100m' },
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['z1'] }] }] } } },
    });
    expect(toPodRequest(pod)).toEqual({
      key: 'ns/p',
      requests: { cpu: 2100, memory: 1024 ** 3, 'nvidia.com/gpu': 2 },
      nodeSelector: { rack: 'r1' },
      requiredNodeAffinity: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['z1'] }] }],
      tolerations: [{ key: 'pool', operator: 'Equal', value: 'a', effect: 'NoSchedule' }],
    });
  });

  it('omits an empty required affinity and carries no unsupported reason for a plain pod', () => {
    const request = toPodRequest(aPod('p'));
    expect(request).not.toHaveProperty('requiredNodeAffinity');
    expect(request).not.toHaveProperty('unsupported');
    expect(request.nodeSelector).toEqual({});
  });
});

describe('unsupportedReason', () => {
  const term = { labelSelector: { matchLabels: { app: 'x' } }, topologyKey: 'kubernetes.io/hostname' };
  it.each([
    ['required pod affinity', { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] } } }],
    ['required pod anti-affinity', { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] } } }],
    ['DoNotSchedule topology spread constraints', { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule' }] }],
    ['host ports', { containers: [{ name: 'c', ports: [{ containerPort: 80, hostPort: 8080 }] }] }],
    ['resource claims (DRA)', { resourceClaims: [{ name: 'gpu', resourceClaimTemplateName: 't' }] }],
  ])('names %s', (what, spec) => {
    expect(unsupportedReason(withSpec(aPod('p'), spec))).toBe(`pod ns/p uses ${what}, which this scheduler does not support`);
  });

  it('ignores soft constraints', () => {
    const pod = withSpec(aPod('p'), {
      affinity: { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, podAffinityTerm: term }] } },
      topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'ScheduleAnyway' }],
      containers: [{ name: 'c', ports: [{ containerPort: 80 }] }],
    });
    expect(unsupportedReason(pod)).toBeUndefined();
  });
});

describe('pod facts', () => {
  it('a pending pod is ours, unbound, ungated, alive', () => {
    expect(isPendingFor(aPod('p'), 'gang')).toBe(true);
    expect(isPendingFor(aPod('p'), 'other')).toBe(false);
    expect(isPendingFor(aPod('p', { node: 'n1' }), 'gang')).toBe(false);
    expect(isPendingFor(aPod('p', { gated: true }), 'gang')).toBe(false);
    expect(isPendingFor({ ...aPod('p'), metadata: { ...aPod('p').metadata, deletionTimestamp: new Date() } }, 'gang')).toBe(false);
  });

  it('a bound pod holds capacity until it is Succeeded or Failed', () => {
    expect(holdsCapacity(aPod('p', { node: 'n1', phase: 'Running' }))).toBe(true);
    expect(holdsCapacity(aPod('p', { node: 'n1', phase: 'Succeeded' }))).toBe(false);
    expect(holdsCapacity(aPod('p', { node: 'n1', phase: 'Failed' }))).toBe(false);
    expect(holdsCapacity(aPod('p'))).toBe(false);
  });
});
