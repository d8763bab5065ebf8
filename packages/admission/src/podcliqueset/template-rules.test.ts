import { describe, expect, it } from 'vitest';
import { aPodCliqueSet } from '@grove/fixtures';
import { found } from '../../test/context.js';
import { templateRules } from './template-rules.js';

describe('templateRules', () => {
  it('accepts a valid template', () => {
    expect(templateRules(aPodCliqueSet().clique('a').build())).toEqual([]);
  });

  it.each<[string, string | undefined, string[]]>([
    ['missing', undefined, ['FieldValueRequired spec.template.terminationDelay']],
    ['zero', '0s', ['FieldValueInvalid spec.template.terminationDelay']],
    ['negative', '-1h', ['FieldValueInvalid spec.template.terminationDelay']],
    ['not a duration', '4 hours', ['FieldValueInvalid spec.template.terminationDelay']],
  ])('rejects a terminationDelay that is %s', (_name, delay, expected) => {
    expect(found(templateRules(aPodCliqueSet().clique('a').with({ terminationDelay: delay }).build()))).toEqual(expected);
  });

  it('rejects a template without cliques and negative replicas', () => {
    expect(found(templateRules(aPodCliqueSet().replicas(-1).build()))).toEqual(['FieldValueInvalid spec.replicas', 'FieldValueRequired spec.template.cliques']);
  });
});
