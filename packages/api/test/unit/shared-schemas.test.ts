/**
 * Schemas written twice in crds-src must not drift: a PodClique's spec is the PodCliqueSet template's
 * clique spec (the operator copies one into the other), and status types repeat across kinds.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

type Node = { [key: string]: unknown };

function schemaOf(file: string): Node {
  const crd = parse(readFileSync(fileURLToPath(new URL(`../../crds-src/${file}`, import.meta.url)), 'utf8')) as Node;
  return pick(crd, 'spec.versions.0.schema.openAPIV3Schema');
}

function pick(node: Node, path: string): Node {
  let current: unknown = node;
  for (const key of path.split('.')) {
    current = Array.isArray(current) ? current[Number(key)] : current !== null && typeof current === 'object' ? (current as Node)[key] : undefined;
  }
  if (current === null || typeof current !== 'object') throw new Error(`no schema at ${path}`);
  return current as Node;
}

const pcs = schemaOf('grove.io_podcliquesets.yaml');
const pclq = schemaOf('grove.io_podcliques.yaml');
const pcsg = schemaOf('grove.io_podcliquescalinggroups.yaml');

describe('shared schemas in crds-src', () => {
  it('PodClique spec equals the PodCliqueSet clique template spec', () => {
    expect(pick(pclq, 'properties.spec')).toEqual(pick(pcs, 'properties.spec.properties.template.properties.cliques.items.properties.spec'));
  });

  it('PodClique autoScalingConfig equals the scaling group scaleConfig (minus descriptions)', () => {
    const withoutDescriptions = (node: Node): unknown => JSON.parse(JSON.stringify(node, (key, value: unknown) => (key === 'description' ? undefined : value)));
    expect(withoutDescriptions(pick(pclq, 'properties.spec.properties.autoScalingConfig'))).toEqual(
      withoutDescriptions(pick(pcs, 'properties.spec.properties.template.properties.podCliqueScalingGroups.items.properties.scaleConfig')),
    );
  });

  it('lastErrors is the same type on every kind that reports it', () => {
    const lastErrors = pick(pcs, 'properties.status.properties.lastErrors');
    expect(pick(pclq, 'properties.status.properties.lastErrors')).toEqual(lastErrors);
    expect(pick(pcsg, 'properties.status.properties.lastErrors')).toEqual(lastErrors);
  });
});
