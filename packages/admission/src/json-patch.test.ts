import { describe, expect, it } from 'vitest';
import { applyJsonPatch, jsonPatch, type JsonValue } from './json-patch.js';

describe('jsonPatch', () => {
  it.each<[string, JsonValue, JsonValue, unknown[]]>([
    ['no change', { a: 1 }, { a: 1 }, []],
    ['an added field', { a: {} }, { a: { b: 1 } }, [{ op: 'add', path: '/a/b', value: 1 }]],
    ['a replaced value', { a: 0 }, { a: 1 }, [{ op: 'replace', path: '/a', value: 1 }]],
    ['a removed field', { a: 1, b: 2 }, { a: 1 }, [{ op: 'remove', path: '/b' }]],
    ['a default inside a list item', { l: [{ n: 'x' }, { n: 'y' }] }, { l: [{ n: 'x' }, { n: 'y', r: 1 }] }, [{ op: 'add', path: '/l/1/r', value: 1 }]],
    ['a list that changed length is replaced', { l: [1] }, { l: [1, 2] }, [{ op: 'replace', path: '/l', value: [1, 2] }]],
    ['a changed type', { a: 'x' }, { a: { b: 1 } }, [{ op: 'replace', path: '/a', value: { b: 1 } }]],
    ['keys with / and ~ are escaped', { m: {} }, { m: { 'a/b~c': 'v' } }, [{ op: 'add', path: '/m/a~1b~0c', value: 'v' }]],
  ])('%s', (_name, before, after, ops) => {
    expect(jsonPatch(before, after)).toEqual(ops);
  });

  it('round-trips: applying the patch to the original gives the target', () => {
    const before: JsonValue = { spec: { l: [{ a: 1 }, { b: null }], m: { 'x/y': 1 } }, drop: true };
    const after: JsonValue = { spec: { l: [{ a: 2, c: [1] }, { b: 'z' }], m: { 'x/y': 1, '~': 2 } } };
    expect(applyJsonPatch(before, jsonPatch(before, after))).toEqual(after);
  });
});
