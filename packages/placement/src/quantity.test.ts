import { describe, expect, it } from 'vitest';
import { parseQuantity, podRequests, resourcesOf } from './index.js';

describe('parseQuantity', () => {
  it.each([
    ['1', 'cpu', 1000],
    ['100m', 'cpu', 100],
    ['0.1', 'cpu', 100],
    ['.5', 'cpu', 500],
    ['2.', 'cpu', 2000],
    ['1n', 'cpu', 1], // below a millicore rounds up, like MilliValue
    ['1500u', 'cpu', 2],
    ['250000000n', 'cpu', 250],
    ['1e3', 'cpu', 1_000_000],
    ['1E-3', 'cpu', 1],
    ['+2', 'cpu', 2000],
    ['128974848', 'memory', 128974848],
    ['129e6', 'memory', 129_000_000],
    ['129M', 'memory', 129_000_000],
    ['123Mi', 'memory', 123 * 2 ** 20],
    ['1.5Gi', 'memory', 1.5 * 2 ** 30],
    ['1Ki', 'memory', 1024],
    ['2Ti', 'ephemeral-storage', 2 * 2 ** 40],
    ['1k', 'memory', 1000],
    ['1G', 'memory', 1e9],
    ['1T', 'memory', 1e12],
    ['1P', 'memory', 1e15],
    ['1E', 'memory', 1e18],
    ['1Pi', 'memory', 2 ** 50],
    ['0.5', 'nvidia.com/gpu', 1],
    ['8', 'nvidia.com/gpu', 8],
    ['110', 'pods', 110],
    ['0', 'cpu', 0],
    ['500m', 'memory', 1],
  ])('%s of %s is %d', (quantity, resource, expected) => {
    expect(parseQuantity(quantity, resource)).toBe(expected);
  });

  it.each(['', 'abc', '1Xi', '1 Gi', '--1', '1e', '1.2.3', 'Gi'])('refuses %j with the resource named', (quantity) => {
    expect(() => parseQuantity(quantity, 'memory')).toThrow(/memory/);
  });
});

describe('resourcesOf', () => {
  it('parses a whole resource list', () => {
    expect(resourcesOf({ cpu: '64', memory: '512Gi', pods: '110', 'nvidia.com/gpu': '8' })).toEqual({
      cpu: 64_000,
      memory: 512 * 2 ** 30,
      pods: 110,
      'nvidia.com/gpu': 8,
    });
    expect(resourcesOf(undefined)).toEqual({});
  });
});

describe('podRequests', () => {
  it('sums containers and adds overhead', () => {
    const spec = { containers: [{ requests: { cpu: '1', memory: '1Gi' } }, { requests: { cpu: '500m', 'nvidia.com/gpu': '2' } }], overhead: { cpu: '100m' } };
    expect(podRequests(spec)).toEqual({ cpu: 1600, memory: 2 ** 30, 'nvidia.com/gpu': 2 });
  });

  it('takes the larger of the containers and the biggest init container', () => {
    const spec = { containers: [{ requests: { cpu: '1', memory: '1Gi' } }], initContainers: [{ requests: { cpu: '4' } }, { requests: { memory: '512Mi' } }] };
    expect(podRequests(spec)).toEqual({ cpu: 4000, memory: 2 ** 30 });
  });

  it('adds sidecars (restartPolicy Always) to the containers and to the init containers after them', () => {
    // Kubernetes: the sidecar runs with the containers (1 + 1 = 2 CPU) and next to the later init
    // container (1 + 2 = 3 CPU); the earlier init container runs alone (2.5 CPU).
    const spec = {
      containers: [{ requests: { cpu: '1' } }],
      initContainers: [{ requests: { cpu: '2500m' } }, { requests: { cpu: '1' }, restartPolicy: 'Always' }, { requests: { cpu: '2' } }],
    };
    expect(podRequests(spec)).toEqual({ cpu: 3000 });
  });

  it('is empty for a pod without requests', () => {
    expect(podRequests({ containers: [{}] })).toEqual({});
  });
});
