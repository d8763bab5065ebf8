/** PodCliqueSet topology constraints: shape, deprecated packDomain, topology names. */
import { describe } from 'vitest';
import { aPodCliqueSet } from './support/objects.js';
import { createRuleTests, type RuleCase } from './support/rule-cases.js';
import { useCrdSuite } from './support/suite.js';

const suite = useCrdSuite('crd-pcs-topology');
const ctx = { ...suite, kind: 'PodCliqueSet', base: aPodCliqueSet } as const;

const pcsTc = 'spec.template.topologyConstraint';
const routerTc = 'spec.template.cliques.0.topologyConstraint';
const prefillTc = 'spec.template.cliques.1.topologyConstraint';
const workersTc = 'spec.template.podCliqueScalingGroups.0.topologyConstraint';
const zone = { topologyName: 'grove-topology', pack: { required: 'zone' } };
const host = { pack: { required: 'host' } };

const cases: RuleCase[] = [
  {
    rule: 'topologyConstraint sets pack or packDomain',
    valid: { [pcsTc]: zone },
    invalid: { [pcsTc]: { topologyName: 'grove-topology' } },
    field: 'spec.template.topologyConstraint.pack',
    message: 'topologyConstraint must set pack',
  },
  {
    rule: 'pack sets required, preferred or both',
    valid: { [pcsTc]: { topologyName: 'grove-topology', pack: { preferred: 'rack' } } },
    invalid: { [pcsTc]: { topologyName: 'grove-topology', pack: {} } },
    field: 'spec.template.topologyConstraint.pack',
    message: 'pack must set required, preferred or both',
  },
  {
    rule: 'topologyConstraint does not set both packDomain and pack.required',
    valid: { [pcsTc]: { topologyName: 'grove-topology', pack: { required: 'zone', preferred: 'rack' } } },
    invalid: { [pcsTc]: { topologyName: 'grove-topology', packDomain: 'zone', pack: { required: 'zone' } } },
    field: 'spec.template.topologyConstraint.pack.required',
    message: 'must not set both pack.required and the deprecated packDomain',
  },
  {
    rule: 'topology domains are lowercase names (schema pattern)',
    valid: { [pcsTc]: { topologyName: 'grove-topology', pack: { required: 'data-center-2' } } },
    invalid: { [pcsTc]: { topologyName: 'grove-topology', pack: { required: 'Rack' } } },
    field: 'spec.template.topologyConstraint.pack.required',
    message: 'should match',
  },
  {
    rule: 'new PodCliqueSets do not use packDomain (PodCliqueSet level)',
    valid: { [pcsTc]: zone },
    invalid: { [pcsTc]: { topologyName: 'grove-topology', packDomain: 'zone' } },
    field: 'spec.template.topologyConstraint.packDomain',
    message: 'packDomain is deprecated and cannot be used on new workloads; use pack.required',
  },
  {
    rule: 'new PodCliqueSets do not use packDomain (clique level)',
    valid: { [pcsTc]: zone, [routerTc]: host },
    invalid: { [pcsTc]: zone, [routerTc]: { packDomain: 'host' } },
    field: 'spec.template.cliques',
    message: 'cliques[*].topologyConstraint.packDomain is deprecated',
  },
  {
    rule: 'new PodCliqueSets do not use packDomain (scaling group level)',
    valid: { [pcsTc]: zone, [workersTc]: { pack: { required: 'rack' } } },
    invalid: { [pcsTc]: zone, [workersTc]: { packDomain: 'rack' } },
    field: 'spec.template.podCliqueScalingGroups',
    message: 'podCliqueScalingGroups[*].topologyConstraint.packDomain is deprecated',
  },
  {
    rule: 'a clique constraint inherits topologyName from the PodCliqueSet or needs its own',
    valid: { [pcsTc]: zone, [routerTc]: host },
    invalid: { [routerTc]: host },
    field: 'spec.template',
    message: 'topologyConstraint.topologyName is required',
  },
  {
    rule: 'a member clique constraint inherits topologyName from its scaling group',
    valid: { [workersTc]: { topologyName: 'grove-topology', pack: { required: 'rack' } }, [prefillTc]: host },
    invalid: { [workersTc]: { pack: { preferred: 'rack' } }, [prefillTc]: host },
    field: 'spec.template',
    message: 'topologyConstraint.topologyName is required',
  },
  {
    rule: 'a PodCliqueSet constraint names its ClusterTopologyBinding',
    valid: { [pcsTc]: zone },
    invalid: { [pcsTc]: { pack: { required: 'zone' } } },
    field: 'spec.template',
    message: 'topologyConstraint.topologyName is required',
  },
  {
    rule: 'all topologyName values name the same ClusterTopologyBinding',
    valid: { [pcsTc]: zone, [routerTc]: { topologyName: 'grove-topology', pack: { required: 'host' } } },
    invalid: { [pcsTc]: zone, [routerTc]: { topologyName: 'other-topology', pack: { required: 'host' } } },
    field: 'spec.template',
    message: 'must name the same ClusterTopologyBinding',
  },
];

describe('PodCliqueSet topology constraints', () => createRuleTests(ctx, cases));
