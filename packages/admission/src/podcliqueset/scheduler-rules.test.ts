import { describe, expect, it } from 'vitest';
import { aPodCliqueSet } from '@grove/fixtures';
import { found, schedulers } from '../../test/context.js';
import { schedulerRules } from './scheduler-rules.js';

const podSpec = (schedulerName?: string) => ({ containers: [], ...(schedulerName !== undefined && { schedulerName }) });

describe('schedulerRules', () => {
  it.each<[string, (string | undefined)[], string[]]>([
    ['all default (empty)', [undefined, undefined], []],
    ['empty and default-scheduler resolve to the same', [undefined, 'default-scheduler'], []],
    ['an enabled backend everywhere', ['podgang-scheduler', 'podgang-scheduler'], []],
    ['two different schedulers', ['podgang-scheduler', undefined], ['FieldValueInvalid spec.template.cliques[1].spec.podSpec.schedulerName']],
    ['a backend that is not enabled', ['kai-scheduler'], ['FieldValueNotSupported spec.template.cliques[0].spec.podSpec.schedulerName']],
  ])('%s', (_name, names, expected) => {
    const builder = aPodCliqueSet();
    names.forEach((name, i) => builder.clique(`c${i}`, { podSpec: podSpec(name) }));
    expect(found(schedulerRules(builder.build(), schedulers))).toEqual(expected);
  });
});
