import { describe, expect, it } from 'vitest';
import { generateCrds } from './generate.js';

const snapshot = { kubernetesVersion: 'v1.36.3', takenFrom: [], schemas: { 'x.Cond': { type: 'object', properties: { type: { type: 'string' } } } } };

const source = (name: string, group = 'example.io', plural = 'widgets') => ({
  name,
  text: [
    'apiVersion: apiextensions.k8s.io/v1',
    'kind: CustomResourceDefinition',
    `metadata: {name: ${plural}.${group}}`,
    `spec:`,
    `  group: ${group}`,
    `  names: {plural: ${plural}, kind: Widget}`,
    `  versions:`,
    `    - name: v1`,
    `      schema:`,
    `        openAPIV3Schema:`,
    `          type: object`,
    `          properties:`,
    `            a: &cond {$ref: "k8s:x.Cond"}`,
    `            b: *cond`,
  ].join('\n'),
});

describe('generateCrds', () => {
  it('writes a header and plain YAML (aliases resolved, refs expanded)', () => {
    const [out] = generateCrds([source('example.io_widgets.yaml')], snapshot);
    expect(out?.name).toBe('example.io_widgets.yaml');
    expect(out?.text).toMatchSnapshot();
    expect(out?.text).not.toMatch(/[&*]cond|\$ref/);
  });

  it('requires <group>_<plural>.yaml file names and a matching metadata.name', () => {
    expect(() => generateCrds([source('widgets.yaml')], snapshot)).toThrow('a CRD of widgets.example.io must live in example.io_widgets.yaml');
    const wrongName = { name: 'example.io_widgets.yaml', text: source('x').text.replace('widgets.example.io', 'other.example.io') };
    expect(() => generateCrds([wrongName], snapshot)).toThrow('metadata.name must be widgets.example.io');
    expect(() => generateCrds([{ name: 'a.yaml', text: 'kind: ConfigMap' }], snapshot)).toThrow('a.yaml: expected an apiextensions.k8s.io/v1 CustomResourceDefinition');
  });
});
