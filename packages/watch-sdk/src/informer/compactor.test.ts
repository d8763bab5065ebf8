import { describe, expect, it } from 'vitest';
import { Compactor } from './compactor.js';

const pod = (name: string) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: `a-rather-long-pod-name-${name}`,
    uid: `0b6a3c0e-5f8e-4d1a-9d4e-${name.padStart(12, '0')}`,
    resourceVersion: '12345678901',
    labels: { 'app.kubernetes.io/managed-by': 'grove-operator' },
    ownerReferences: [{ uid: 'c0ffee00-0000-4000-8000-000000000001', kind: 'PodClique', name: 'clique', controller: true }],
  },
  spec: {
    containers: [{ name: 'c', image: 'registry.local/bench:1', resources: {}, args: ['--serve', 'http://127.0.0.1:8080/v1'] }],
    securityContext: {},
    tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }],
  },
  status: { phase: 'Pending', conditions: [] },
});

describe('Compactor', () => {
  it('changes no content: strings, numbers, arrays and empty objects stay equal', () => {
    const compactor = new Compactor();
    for (const name of ['1', '2']) {
      const object = pod(name);
      const before = structuredClone(object);
      expect(compactor.compact(object)).toBe(object);
      expect(object).toStrictEqual(before);
    }
  });

  it('leaves empty objects plain and mutable', () => {
    const object = new Compactor().compact(pod('1'));
    const resources = object.spec.containers[0]?.resources as Record<string, unknown>;
    expect(Object.getPrototypeOf(resources)).toBe(Object.prototype);
    expect(Object.isFrozen(resources)).toBe(false);
    resources['limits'] = { cpu: '1' };
    expect(object.spec.securityContext).toEqual({});
    expect(JSON.stringify(object.spec.containers[0]?.resources)).toBe('{"limits":{"cpu":"1"}}');
  });

  it('keeps one copy of each long string, skipping short ones and the name, uid and resourceVersion', () => {
    const compactor = new Compactor();
    compactor.compact(pod('1'));
    // 'grove-operator', the owner uid, the image, the URL argument, the toleration key (values
    // only: property names are V8's own single copies already)
    expect(compactor.size).toBe(5);
    compactor.compact(pod('2'));
    expect(compactor.size).toBe(5);
    expect(compactor.intern('grove-operator')).toBe('grove-operator');
  });

  it('bounds its table by starting over when full', () => {
    const compactor = new Compactor(3);
    for (const value of ['string-number-1', 'string-number-2', 'string-number-3']) compactor.intern(value);
    expect(compactor.size).toBe(3);
    expect(compactor.intern('string-number-4')).toBe('string-number-4');
    expect(compactor.size).toBe(1);
  });

  it('passes anything but a plain object through', () => {
    const compactor = new Compactor();
    expect(compactor.compact(null)).toBeNull();
    expect(compactor.compact('a long string value')).toBe('a long string value');
    const list = [{}];
    expect(compactor.compact(list)).toBe(list);
  });
});
