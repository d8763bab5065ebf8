import * as clientNode from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { K8S_TYPES, k8sType } from './k8s-refs.js';

describe('K8S_TYPES', () => {
  it.each(Object.entries(K8S_TYPES).filter(([, m]) => 'model' in m))('%s is a client-node model', (_, mapping) => {
    const name = (mapping as { model: string }).model;
    const exported: unknown = (clientNode as Record<string, unknown>)[name];
    expect(typeof exported, name).toBe('function');
    expect((exported as { getAttributeTypeMap?: unknown }).getAttributeTypeMap, name).toBeTypeOf('function');
  });

  it('maps the definitions the Grove CRDs embed', () => {
    expect(k8sType('io.k8s.api.core.v1.PodSpec')).toEqual({ model: 'V1PodSpec' });
    expect(k8sType('io.k8s.apimachinery.pkg.apis.meta.v1.Condition')).toEqual({ model: 'V1Condition' });
    expect(k8sType('io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector')).toEqual({ model: 'V1LabelSelector' });
    expect(k8sType('io.k8s.apimachinery.pkg.util.intstr.IntOrString')).toEqual({ scalar: ['number', 'string'] });
  });

  it('rejects an unknown definition, naming it and the table', () => {
    expect(() => k8sType('io.k8s.api.core.v1.Nope')).toThrow(/unknown Kubernetes definition "io\.k8s\.api\.core\.v1\.Nope"; add it to tools\/codegen\/src\/k8s-refs\.ts/);
  });
});
