import { describe, expect, it } from 'vitest';
import { structuralSchema, type Definitions } from './k8s-schema.js';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** A tiny Kubernetes-like document with every construct the converter handles. */
const defs: Definitions = {
  'x.Pod': {
    description: 'A pod.',
    type: 'object',
    required: ['containers'],
    properties: {
      containers: {
        type: 'array',
        items: { default: {}, allOf: [ref('x.Container')] },
        'x-kubernetes-list-type': 'map',
        'x-kubernetes-list-map-keys': ['name'],
        'x-kubernetes-patch-merge-key': 'name',
        'x-kubernetes-patch-strategy': 'merge',
      },
      restartPolicy: { description: 'enum dropped', type: 'string', enum: ['Always', 'Never'] },
      overhead: { type: 'object', additionalProperties: ref('x.Quantity') },
      extension: ref('x.Raw'),
    },
  },
  'x.Container': {
    type: 'object',
    required: ['name'],
    properties: {
      name: { type: 'string', default: '' },
      ports: {
        type: 'array',
        items: { default: {}, allOf: [ref('x.Port')] },
        'x-kubernetes-list-type': 'map',
        'x-kubernetes-list-map-keys': ['containerPort', 'protocol'],
      },
      secrets: {
        type: 'array',
        items: ref('x.LocalRef'),
        'x-kubernetes-list-type': 'map',
        'x-kubernetes-list-map-keys': ['name'],
      },
      port: ref('x.IntOrString'),
    },
  },
  'x.Port': {
    type: 'object',
    required: ['containerPort'],
    properties: { containerPort: { type: 'integer', format: 'int32', default: 0 }, protocol: { type: 'string', default: 'TCP' } },
  },
  'x.LocalRef': { type: 'object', properties: { name: { type: 'string', default: '' } }, 'x-kubernetes-map-type': 'atomic' },
  'x.IntOrString': { format: 'int-or-string', oneOf: [{ type: 'integer' }, { type: 'string' }] },
  'x.Quantity': { oneOf: [{ type: 'string' }, { type: 'number' }] },
  'x.Raw': { type: 'object' },
};

describe('structuralSchema', () => {
  it('expands a definition into a structural, description-free CRD schema', () => {
    expect(structuralSchema('x.Pod', defs)).toMatchSnapshot();
  });

  it('inlines refs, drops descriptions, enums, patch markers and zero defaults', () => {
    const pod = structuralSchema('x.Pod', defs);
    const text = JSON.stringify(pod);
    for (const gone of ['$ref', 'allOf', 'description', 'enum', 'x-kubernetes-patch', '"default":{}']) expect(text).not.toContain(gone);
    expect(pod['required']).toEqual(['containers']);
  });

  it('keeps explicit defaults and restores the zero default of an optional list-map key', () => {
    const container = structuralSchema('x.Container', defs);
    expect(container).toMatchObject({
      properties: {
        // `name` of a container is required, so its zero default goes.
        name: { type: 'string' },
        ports: { items: { properties: { containerPort: { type: 'integer', format: 'int32' }, protocol: { type: 'string', default: 'TCP' } } } },
        // `secrets` is a list map keyed by `name`, which is not required: a CRD needs it defaulted.
        secrets: { items: { properties: { name: { type: 'string', default: '' } } } },
      },
    });
    expect(JSON.stringify(container)).not.toContain('"containerPort":{"type":"integer","format":"int32","default"');
    expect(container).not.toHaveProperty('properties.name.default');
  });

  it('turns int-or-string unions into x-kubernetes-int-or-string, with the Quantity pattern where controller-gen has it', () => {
    expect(structuralSchema('x.Container', defs)).toHaveProperty('properties.port', {
      anyOf: [{ type: 'integer' }, { type: 'string' }],
      'x-kubernetes-int-or-string': true,
    });
    const quantity = structuralSchema('io.k8s.apimachinery.pkg.api.resource.Quantity', { 'io.k8s.apimachinery.pkg.api.resource.Quantity': defs['x.Quantity'] ?? {} });
    expect(quantity['x-kubernetes-int-or-string']).toBe(true);
    expect(quantity['pattern']).toMatch(/^\^/);
  });

  it('marks property-less objects as preserving unknown fields', () => {
    expect(structuralSchema('x.Raw', defs)).toEqual({ type: 'object', 'x-kubernetes-preserve-unknown-fields': true });
  });

  it('refuses what a CRD cannot hold, naming the place', () => {
    expect(() => structuralSchema('x.Missing', defs)).toThrow('x.Missing is not in the OpenAPI snapshot');
    expect(() => structuralSchema('x.Loop', { 'x.Loop': { type: 'object', properties: { self: ref('x.Loop') } } })).toThrow(
      'x.Loop is recursive (x.Loop -> x.Loop)',
    );
    expect(() => structuralSchema('x.Odd', { 'x.Odd': { type: 'string', 'x-kubernetes-new-marker': true } })).toThrow(
      'x.Odd: unsupported OpenAPI keyword "x-kubernetes-new-marker"',
    );
    expect(() => structuralSchema('x.Untyped', { 'x.Untyped': { properties: {} } })).toThrow('x.Untyped: schema has no type');
    expect(() =>
      structuralSchema('x.Keys', {
        'x.Keys': { type: 'array', items: { type: 'object', properties: { k: { type: 'string' } } }, 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['k'] },
      }),
    ).toThrow('list map key "k" is neither required nor defaulted');
  });
});
