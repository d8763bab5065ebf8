import { describe, expect, it } from 'vitest';
import type { TopologyConstraint } from '@grove/api';
import { aPodCliqueSet } from '@grove/fixtures';
import { found, plain, withTopology } from '../../test/context.js';
import { effectiveTopologyName } from './topology-sites.js';
import { topologyCreateRules } from './topology-rules.js';

const pack = (required?: string, preferred?: string, topologyName?: string): TopologyConstraint => ({
  ...(topologyName && { topologyName }),
  pack: { ...(required && { required }), ...(preferred && { preferred }) },
});

/** PCS constraint, scaling group g (member m) constraint, clique constraints. */
function pcs(c: { pcs?: TopologyConstraint; group?: TopologyConstraint; member?: TopologyConstraint; solo?: TopologyConstraint }) {
  return aPodCliqueSet()
    .with(c.pcs ? { topologyConstraint: c.pcs } : {})
    .clique('m', {}, c.member ? { topologyConstraint: c.member } : {})
    .clique('solo', {}, c.solo ? { topologyConstraint: c.solo } : {})
    .scalingGroup('g', ['m'], c.group ? { topologyConstraint: c.group } : {})
    .build();
}

const T = 'spec.template';
const G = `${T}.podCliqueScalingGroups[0].topologyConstraint`;
const M = `${T}.cliques[0].topologyConstraint`;
const S = `${T}.cliques[1].topologyConstraint`;

describe('topologyCreateRules', () => {
  it('accepts constraints that inherit the binding and narrow down the hierarchy', () => {
    const object = pcs({ pcs: pack('zone', undefined, 'cluster'), group: pack('block'), member: pack('rack', 'host'), solo: pack('zone') });
    expect(topologyCreateRules(object, withTopology)).toEqual({ errors: [], warnings: [] });
    expect(effectiveTopologyName(object)).toBe('cluster');
  });

  it('refuses every constraint while topology-aware scheduling is disabled', () => {
    const object = pcs({ pcs: pack('zone', undefined, 'cluster'), member: pack('rack') });
    expect(found(topologyCreateRules(object, plain).errors)).toEqual([`FieldValueForbidden ${T}.topologyConstraint`, `FieldValueForbidden ${M}`]);
  });

  it.each<[string, Parameters<typeof pcs>[0], string[]]>([
    ['no binding named anywhere', { member: pack('rack') }, [`FieldValueRequired ${M}.topologyName`]],
    ['a group without a name and nothing to inherit', { group: pack('rack') }, [`FieldValueRequired ${G}.topologyName`]],
    ['two different bindings', { pcs: pack('zone', undefined, 'cluster'), solo: pack('rack', undefined, 'other') }, [`FieldValueInvalid ${S}.topologyName`]],
    ['a domain the binding lacks', { pcs: pack('region', undefined, 'cluster') }, [`FieldValueNotFound ${T}.topologyConstraint.pack.required`]],
    ['an unknown preferred domain', { pcs: pack(undefined, 'numa', 'cluster') }, [`FieldValueNotFound ${T}.topologyConstraint.pack.preferred`]],
    ['a PCS constraint narrower than a clique', { pcs: pack('rack', undefined, 'cluster'), solo: pack('zone') }, [`FieldValueInvalid ${T}.topologyConstraint.pack.required`]],
    ['a PCS constraint narrower than a group', { pcs: pack('host', undefined, 'cluster'), group: pack('block') }, [`FieldValueInvalid ${T}.topologyConstraint.pack.required`]],
    ['a group narrower than its member', { group: pack('rack', undefined, 'cluster'), member: pack('block') }, [`FieldValueInvalid ${G}.pack.required`]],
    ['preferred domains compare too', { pcs: pack(undefined, 'host', 'cluster'), solo: pack(undefined, 'rack') }, [`FieldValueInvalid ${T}.topologyConstraint.pack.preferred`]],
  ])('rejects %s', (_name, constraints, expected) => {
    expect(found(topologyCreateRules(pcs(constraints), withTopology).errors)).toEqual(expected);
  });

  it('treats the deprecated packDomain as the required domain', () => {
    const object = pcs({ pcs: { topologyName: 'cluster', packDomain: 'rack' }, solo: pack('zone') });
    expect(found(topologyCreateRules(object, withTopology).errors)).toEqual([`FieldValueInvalid ${T}.topologyConstraint.packDomain`]);
  });

  it('rejects a binding that does not exist, at the field that names it', () => {
    const context = { ...withTopology, topology: { kind: 'not-found' as const, name: 'cluster' } };
    const errors = topologyCreateRules(pcs({ member: pack('rack', undefined, 'cluster') }), context).errors;
    expect(found(errors)).toEqual([`FieldValueNotFound ${M}.topologyName`]);
  });

  it('warns when preferred is broader than required on one constraint', () => {
    const result = topologyCreateRules(pcs({ pcs: pack('rack', 'zone', 'cluster') }), withTopology);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([`${T}.topologyConstraint.pack.preferred: "zone" is broader than the required "rack", so it adds nothing`]);
  });
});
