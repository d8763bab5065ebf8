import { describe, expect, it } from 'vitest';
import { definitionClosure, mergeSchemas, parseSnapshot, renderSnapshot, snapshotFileName } from './snapshot.js';

const doc = (schemas: Record<string, unknown>) => ({ components: { schemas } }) as never;

describe('OpenAPI snapshot', () => {
  const schemas = mergeSchemas([
    { path: '/openapi/v3/api/v1', document: doc({ 'x.A': { type: 'object', properties: { b: { $ref: '#/components/schemas/x.B' } } }, 'x.B': { type: 'string' }, 'x.Unused': { type: 'string' } }) },
    { path: '/openapi/v3/apis/g/v1', document: doc({ 'x.B': { type: 'string' }, 'x.Clash': { type: 'integer' } }) },
    { path: '/openapi/v3/apis/h/v1', document: doc({ 'x.Clash': { type: 'string' } }) },
  ]);

  it('keeps only the closure of the roots', () => {
    expect(Object.keys(definitionClosure(['x.A'], schemas)).sort()).toEqual(['x.A', 'x.B']);
  });

  it('refuses a definition the documents disagree on, or do not serve', () => {
    expect(() => definitionClosure(['x.Clash'], schemas)).toThrow('x.Clash differs between /openapi/v3/apis/g/v1 and /openapi/v3/apis/h/v1');
    expect(() => definitionClosure(['x.Nope'], schemas)).toThrow('x.Nope is not served');
    expect(() => mergeSchemas([{ path: '/x', document: {} }])).toThrow('/x: not an OpenAPI v3 document');
  });

  it('round-trips through its committed form, named by the Kubernetes version', () => {
    const snapshot = { kubernetesVersion: 'v1.36.3', takenFrom: ['/openapi/v3/api/v1'], schemas: definitionClosure(['x.A'], schemas) };
    const text = renderSnapshot(snapshot);
    expect(parseSnapshot(text, 'file.json')).toEqual(snapshot);
    expect(snapshotFileName('v1.36.3')).toBe('kubernetes-v1.36.3.json');
    expect(() => parseSnapshot('{"schemas": {}}', 'bad.json')).toThrow('bad.json: expected kubernetesVersion, takenFrom and schemas');
  });
});
