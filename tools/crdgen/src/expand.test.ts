import { describe, expect, it } from 'vitest';
import { expandK8sRefs, k8sRefsIn } from './expand.js';
import type { Json } from './json.js';
import type { Definitions } from './k8s-schema.js';

const defs: Definitions = {
  'x.Spec': {
    type: 'object',
    description: 'dropped',
    properties: { schedulerName: { type: 'string' }, volumes: { type: 'array', items: { type: 'string' } } },
  },
};

const crd = (node: Json): Json => ({ spec: { versions: [{ schema: { openAPIV3Schema: { type: 'object', properties: { podSpec: node } } } }] } });

describe('expandK8sRefs', () => {
  it('replaces a k8s: ref, keeping its own description and validations, and leaves the input untouched', () => {
    const input = crd({ $ref: 'k8s:x.Spec', description: 'The pods.', 'x-kubernetes-validations': [{ rule: 'true' }] });
    const before = JSON.stringify(input);
    expect(expandK8sRefs(input, defs)).toMatchSnapshot();
    expect(JSON.stringify(input)).toBe(before);
  });

  it('applies x-crdgen-bounds inside the embedded type', () => {
    const out = expandK8sRefs(crd({ $ref: 'k8s:x.Spec', 'x-crdgen-bounds': { schedulerName: { maxLength: 253 }, volumes: { maxItems: 8 } } }), defs);
    const podSpec = 'spec.versions.0.schema.openAPIV3Schema.properties.podSpec';
    expect(out).toHaveProperty(`${podSpec}.properties.schedulerName`, { maxLength: 253, type: 'string' });
    expect(out).toHaveProperty(`${podSpec}.properties.volumes`, { items: { type: 'string' }, maxItems: 8, type: 'array' });
    expect(JSON.stringify(out)).not.toContain('x-crdgen-bounds');
  });

  it('refuses bounds that do not fit the field, naming the path', () => {
    const path = 'spec.versions[0].schema.openAPIV3Schema.properties.podSpec';
    expect(() => expandK8sRefs(crd({ $ref: 'k8s:x.Spec', 'x-crdgen-bounds': { nodeName: { maxLength: 1 } } }), defs)).toThrow(
      `${path}: x-crdgen-bounds path nodeName does not exist`,
    );
    expect(() => expandK8sRefs(crd({ $ref: 'k8s:x.Spec', 'x-crdgen-bounds': { volumes: { maxLength: 1 } } }), defs)).toThrow(
      'x-crdgen-bounds.volumes.maxLength needs a field of type string',
    );
    expect(() => expandK8sRefs(crd({ $ref: 'k8s:x.Spec', 'x-crdgen-bounds': { schedulerName: { pattern: 'x' } } }), defs)).toThrow('only maxLength');
  });

  it('refuses other refs and other siblings', () => {
    expect(() => expandK8sRefs(crd({ $ref: '#/definitions/x' }), defs)).toThrow('$ref must be a string "k8s:<OpenAPI definition name>"');
    expect(() => expandK8sRefs(crd({ $ref: 'k8s:x.Spec', type: 'object' }), defs)).toThrow('may sit next to $ref (found type)');
  });
});

describe('k8sRefsIn', () => {
  it('lists the referenced definitions once each', () => {
    const doc = { a: { $ref: 'k8s:x.A' }, b: [{ $ref: 'k8s:x.B' }, { c: { $ref: 'k8s:x.A' } }], d: { $ref: 'other' } };
    expect([...k8sRefsIn(doc)]).toEqual(['x.A', 'x.B']);
  });
});
