import { describe, expect, it } from 'vitest';
import { shapeErrors, type Shape } from './shape.js';

const shape: Shape = {
  object: { name: 'string', count: 'number', tags: { array: 'string' }, labels: { map: 'string' }, inner: { object: { on: 'boolean' }, required: ['on'] } },
  required: ['name'],
};

describe('shapeErrors', () => {
  it('accepts the right types and absent optional fields', () => {
    expect(shapeErrors({ name: 'x', count: 1, tags: ['a'], labels: { a: 'b' }, inner: { on: true } }, shape)).toEqual([]);
    expect(shapeErrors({ name: 'x', count: null }, shape)).toEqual([]);
  });

  it.each<[string, unknown, string[]]>([
    ['a missing required field', {}, ['FieldValueRequired name']],
    ['a number as a string', { name: 'x', count: '3' }, ['FieldValueTypeInvalid count']],
    ['an object instead of a list', { name: 'x', tags: {} }, ['FieldValueTypeInvalid tags']],
    ['a bad list item', { name: 'x', tags: ['a', 1] }, ['FieldValueTypeInvalid tags[1]']],
    ['a null list item', { name: 'x', tags: ['a', null] }, ['FieldValueTypeInvalid tags[1]']],
    ['a bad map value', { name: 'x', labels: { a: 1 } }, ['FieldValueTypeInvalid labels[a]']],
    ['a missing nested required field', { name: 'x', inner: {} }, ['FieldValueRequired inner.on']],
    ['not an object at all', 'text', ['FieldValueTypeInvalid ']],
  ])('reports %s', (_name, value, expected) => {
    expect(shapeErrors(value, shape).map((e) => `${e.type} ${e.field}`)).toEqual(expected);
  });

  it('stops after 20 errors', () => {
    expect(shapeErrors({ name: 'x', tags: Array.from({ length: 1000 }, () => 1) }, shape)).toHaveLength(20);
  });
});

describe('shapeErrors on a missing object', () => {
  it.each([undefined, null])('reports %s as a missing object', (value) => {
    expect(shapeErrors(value, shape).map((e) => `${e.type} ${e.field}`)).toEqual(['FieldValueRequired object']);
  });
});
