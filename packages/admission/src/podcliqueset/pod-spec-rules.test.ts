import { describe, expect, it } from 'vitest';
import type { PodCliqueSpec } from '@grove/api';
import { aPodCliqueSet } from '@grove/fixtures';
import { found } from '../../test/context.js';
import { podSpecRules } from './pod-spec-rules.js';

const podSpec = 'spec.template.cliques[0].spec.podSpec';
const cliques = (spec: PodCliqueSpec['podSpec']) => aPodCliqueSet().clique('a', { podSpec: spec }).build().spec.template.cliques;
const container = (env: { name: string }[]) => ({ name: 'main', image: 'busybox', env });

describe('podSpecRules', () => {
  it.each<[string, PodCliqueSpec['podSpec'], 'CREATE' | 'UPDATE', string[]]>([
    ['nodeName on create', { containers: [], nodeName: 'node-1' }, 'CREATE', [`FieldValueForbidden ${podSpec}.nodeName`]],
    ['nodeName on update (allowed)', { containers: [], nodeName: 'node-1' }, 'UPDATE', []],
    ['topologySpreadConstraints on create', { containers: [], topologySpreadConstraints: [] }, 'CREATE', [`FieldValueForbidden ${podSpec}.topologySpreadConstraints`]],
    ['an invalid env var name', { containers: [container([{ name: '1BAD' }])] }, 'CREATE', [`FieldValueInvalid ${podSpec}.containers[0].env[0].name`]],
    ['a repeated env var name', { containers: [container([{ name: 'A' }, { name: 'A' }])] }, 'CREATE', [`FieldValueDuplicate ${podSpec}.containers[0].env[1].name`]],
    ['a repeated env var name in an init container', { containers: [], initContainers: [container([{ name: 'A' }, { name: 'A' }])] }, 'CREATE', [`FieldValueDuplicate ${podSpec}.initContainers[0].env[1].name`]],
    ['the same name in two containers (allowed)', { containers: [container([{ name: 'A' }]), container([{ name: 'A' }])] }, 'CREATE', []],
  ])('%s', (_name, spec, operation, expected) => {
    expect(found(podSpecRules(cliques(spec), operation).errors)).toEqual(expected);
  });

  it('warns, without rejecting, about a restartPolicy other than Always', () => {
    expect(podSpecRules(cliques({ containers: [], restartPolicy: 'OnFailure' }), 'CREATE')).toEqual({
      errors: [],
      warnings: [`${podSpec}.restartPolicy: "OnFailure" is kept as given; Grove expects Always`],
    });
    expect(podSpecRules(cliques({ containers: [], restartPolicy: 'Always' }), 'CREATE').warnings).toEqual([]);
  });
});
