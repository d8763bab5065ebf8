/**
 * Kubernetes-style field errors (k8s.io/apimachinery `field.Error`): a type, the offending field and
 * a detail. They are aggregated into one message naming every offending field, and returned as the
 * `details.causes` of the AdmissionReview status, like the API server's own validation errors.
 */
import type { FieldPath } from './field-path.js';

export type FieldErrorType =
  | 'FieldValueRequired'
  | 'FieldValueInvalid'
  | 'FieldValueDuplicate'
  | 'FieldValueNotFound'
  | 'FieldValueForbidden'
  | 'FieldValueNotSupported'
  | 'FieldValueTypeInvalid'
  | 'InternalError';

type Primitive = string | number | boolean | null;

export interface FieldError {
  readonly type: FieldErrorType;
  /** e.g. `spec.template.cliques[1].spec.startsAfter[0]`. */
  readonly field: string;
  readonly detail: string;
  /** The offending value, when it is a primitive worth echoing. */
  readonly value?: Primitive;
}

/** What a rule returns: errors reject the object; warnings are shown to the user and admit it. */
export interface RuleResult {
  readonly errors: readonly FieldError[];
  readonly warnings: readonly string[];
}

export const NO_FINDINGS: RuleResult = { errors: [], warnings: [] };

function make(type: FieldErrorType, path: FieldPath, detail: string, value?: Primitive): FieldError {
  return value === undefined ? { type, field: path.toString(), detail } : { type, field: path.toString(), detail, value };
}

export const fieldError = {
  required: (path: FieldPath, detail: string) => make('FieldValueRequired', path, detail),
  invalid: (path: FieldPath, value: Primitive | undefined, detail: string) => make('FieldValueInvalid', path, detail, value),
  duplicate: (path: FieldPath, value: Primitive) => make('FieldValueDuplicate', path, 'must be unique', value),
  notFound: (path: FieldPath, value: Primitive, detail: string) => make('FieldValueNotFound', path, detail, value),
  forbidden: (path: FieldPath, detail: string) => make('FieldValueForbidden', path, detail),
  notSupported: (path: FieldPath, value: Primitive, supported: readonly string[]) =>
    make('FieldValueNotSupported', path, `supported values: ${supported.map((s) => JSON.stringify(s)).join(', ')}`, value),
  typeInvalid: (path: FieldPath, detail: string) => make('FieldValueTypeInvalid', path, detail),
  internal: (path: FieldPath, detail: string) => make('InternalError', path, detail),
};

/** Merges rule results, keeping their order. */
export function combine(...results: readonly RuleResult[]): RuleResult {
  return { errors: results.flatMap((r) => r.errors), warnings: results.flatMap((r) => r.warnings) };
}

export function errorsOnly(errors: readonly FieldError[]): RuleResult {
  return { errors, warnings: [] };
}

const LABELS: Record<FieldErrorType, string> = {
  FieldValueRequired: 'Required value',
  FieldValueInvalid: 'Invalid value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueNotFound: 'Not found',
  FieldValueForbidden: 'Forbidden',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueTypeInvalid: 'Invalid value',
  InternalError: 'Internal error',
};

/** Values are echoed in messages; a hostile 1 MB string must not be echoed whole. */
const MAX_ECHO = 64;

/** A user value quoted for a message, cut short when long. */
export function echo(value: Primitive): string {
  const text = JSON.stringify(value);
  return text.length <= MAX_ECHO ? text : `${text.slice(0, MAX_ECHO)}...(${text.length} characters)`;
}

/** `spec.x: Invalid value: 0: must be greater than 0`, as `field.Error.Error()` prints it. */
export function formatFieldError(e: FieldError): string {
  const value = e.value === undefined ? '' : `${echo(e.value)}: `;
  return `${e.field}: ${LABELS[e.type]}: ${value}${e.detail}`;
}

/** One message naming every offending field: the error itself, or `[e1, e2, ...]` like an aggregate. */
export function aggregateMessage(errors: readonly FieldError[]): string {
  const messages = [...new Set(errors.map(formatFieldError))];
  return messages.length === 1 ? (messages[0] ?? '') : `[${messages.join(', ')}]`;
}
