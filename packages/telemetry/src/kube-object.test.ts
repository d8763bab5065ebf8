import { describe, expect, it } from 'vitest';
import { isKubeObject, serializeKubeObject } from './kube-object.js';

describe('serializeKubeObject', () => {
  it('keeps only kind, namespace, name and resourceVersion', () => {
    const pcs = {
      apiVersion: 'grove.io/v1alpha1',
      kind: 'PodCliqueSet',
      metadata: { namespace: 'default', name: 'inference', resourceVersion: '7', uid: 'u1' },
      spec: { replicas: 2 },
      status: {},
    };
    expect(serializeKubeObject(pcs)).toEqual({
      kind: 'PodCliqueSet',
      namespace: 'default',
      name: 'inference',
      resourceVersion: '7',
    });
  });

  it('handles cluster-scoped objects without a namespace', () => {
    const node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' } };
    expect(serializeKubeObject(node)).toEqual({
      kind: 'Node',
      namespace: undefined,
      name: 'n1',
      resourceVersion: undefined,
    });
  });

  it.each([
    ['a string', 'x'],
    ['a number', 3],
    ['null', null],
    ['a plain object', { kind: 'Pod', metadata: {} }],
    ['an array of plain values', [1, 2]],
  ])('passes %s through unchanged', (_label, value) => {
    expect(serializeKubeObject(value)).toBe(value);
  });

  it('recognises objects with apiVersion, kind and metadata', () => {
    expect(isKubeObject({ apiVersion: 'v1', kind: 'Pod', metadata: {} })).toBe(true);
    expect(isKubeObject({ apiVersion: 'v1', kind: 'Pod', metadata: null })).toBe(false);
  });
});
