import { describe, expect, it } from 'vitest';
import { aggregateMessage, combine, fieldError, formatFieldError } from './field-errors.js';
import { FieldPath } from './field-path.js';

const path = FieldPath.root('spec', 'template').child('cliques').index(1).child('spec', 'startsAfter').index(0);

describe('field errors', () => {
  it('writes paths in the API server notation', () => {
    expect(path.toString()).toBe('spec.template.cliques[1].spec.startsAfter[0]');
    expect(FieldPath.root('metadata', 'labels').key('app').toString()).toBe('metadata.labels[app]');
  });

  it.each([
    [fieldError.required(path, 'must name a clique'), 'spec.template.cliques[1].spec.startsAfter[0]: Required value: must name a clique'],
    [fieldError.invalid(path, 0, 'must be greater than 0'), 'spec.template.cliques[1].spec.startsAfter[0]: Invalid value: 0: must be greater than 0'],
    [fieldError.duplicate(path, 'a'), 'spec.template.cliques[1].spec.startsAfter[0]: Duplicate value: "a": must be unique'],
    [fieldError.notFound(path, 'x', 'must name a clique'), 'spec.template.cliques[1].spec.startsAfter[0]: Not found: "x": must name a clique'],
    [fieldError.forbidden(path, 'is immutable'), 'spec.template.cliques[1].spec.startsAfter[0]: Forbidden: is immutable'],
    [fieldError.notSupported(path, 'v', ['a', 'b']), 'spec.template.cliques[1].spec.startsAfter[0]: Unsupported value: "v": supported values: "a", "b"'],
  ])('formats %j', (error, text) => {
    expect(formatFieldError(error)).toBe(text);
  });

  it('cuts a long value short instead of echoing it whole', () => {
    const text = formatFieldError(fieldError.invalid(path, 'x'.repeat(100_000), 'too long'));
    expect(text.length).toBeLessThan(200);
    expect(text).toContain('(100002 characters)');
  });

  it('aggregates several errors into one message naming every field, without repeats', () => {
    const a = fieldError.required(FieldPath.root('a'), 'must be set');
    const b = fieldError.forbidden(FieldPath.root('b'), 'no');
    expect(aggregateMessage([a])).toBe('a: Required value: must be set');
    expect(aggregateMessage([a, b, a])).toBe('[a: Required value: must be set, b: Forbidden: no]');
  });

  it('combines results keeping errors and warnings apart', () => {
    const a = fieldError.required(FieldPath.root('a'), 'x');
    expect(combine({ errors: [a], warnings: ['w1'] }, { errors: [], warnings: ['w2'] })).toEqual({ errors: [a], warnings: ['w1', 'w2'] });
  });
});
