/**
 * A small structural check of the fields the rules read. The mutating webhook runs *before* the API
 * server validates the schema, so it may see `replicas: "three"` or `cliques: {}`; the rules then
 * stay out of the way (the schema rejects the object next) instead of throwing on a bad type.
 */
import { fieldError, type FieldError } from './field-errors.js';
import { FieldPath } from './field-path.js';

export type Shape =
  | 'string'
  | 'number'
  | 'boolean'
  /** Anything (not checked further). */
  | 'any'
  /** An object with known fields; `required` ones must be present (and not null). */
  | { readonly object: { readonly [field: string]: Shape }; readonly required?: readonly string[] }
  | { readonly array: Shape }
  /** An object with arbitrary keys whose values all have one shape (labels, annotations). */
  | { readonly map: Shape };

const TYPE_NAMES: Record<'string' | 'number' | 'boolean', string> = { string: 'a string', number: 'a number', boolean: 'a boolean' };

/** Caps the errors reported, so a hostile object with 100,000 wrong items yields a short answer. */
const MAX_SHAPE_ERRORS = 20;

/** JSON null and a missing field mean the same to every rule. */
export function isAbsent(value: unknown): value is undefined | null {
  return value === undefined || value === null;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Type errors of `value` against `shape`; absent (undefined) and null fields are accepted. */
export function shapeErrors(value: unknown, shape: Shape, path: FieldPath = FieldPath.root()): FieldError[] {
  // Absent fields are fine, an absent whole object is not (a review without `object`).
  if (isAbsent(value) && shape !== 'any') return [fieldError.required(path.toString() === '' ? FieldPath.root('object') : path, 'must be set')];
  const errors: FieldError[] = [];
  check(value, shape, path, errors);
  return errors;
}

/** A list item may not be null: unlike an absent field, there is nothing a rule could skip. */
function checkItem(value: unknown, shape: Shape, path: FieldPath, errors: FieldError[]): void {
  if (isAbsent(value) && shape !== 'any' && errors.length < MAX_SHAPE_ERRORS) errors.push(fieldError.typeInvalid(path, 'must not be null'));
  else check(value, shape, path, errors);
}

function check(value: unknown, shape: Shape, path: FieldPath, errors: FieldError[]): void {
  if (value === undefined || value === null || shape === 'any' || errors.length >= MAX_SHAPE_ERRORS) return;
  if (typeof shape === 'string') {
    if (typeof value !== shape) errors.push(fieldError.typeInvalid(path, `must be ${TYPE_NAMES[shape]}`));
    return;
  }
  if ('array' in shape) {
    if (!Array.isArray(value)) errors.push(fieldError.typeInvalid(path, 'must be a list'));
    else value.forEach((item, i) => checkItem(item, shape.array, path.index(i), errors));
    return;
  }
  if (!isRecord(value)) {
    errors.push(fieldError.typeInvalid(path, 'must be an object'));
    return;
  }
  if ('map' in shape) {
    for (const [key, item] of Object.entries(value)) check(item, shape.map, path.key(key), errors);
    return;
  }
  for (const field of shape.required ?? []) {
    if (isAbsent(value[field])) errors.push(fieldError.required(path.child(field), 'must be set'));
  }
  for (const [field, fieldShape] of Object.entries(shape.object)) check(value[field], fieldShape, path.child(field), errors);
}
