/** Labels and annotations of clique templates: copied onto PodCliques and pods, so they must be valid there. */
import { fieldError, type FieldError } from '../field-errors.js';
import type { FieldPath } from '../field-path.js';
import { labelValueProblems, qualifiedNameProblems } from '../k8s-names.js';

/** The API server's limit on the total size of an object's annotations. */
const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

export function labelErrors(labels: Readonly<Record<string, string>> | undefined, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  for (const [key, value] of Object.entries(labels ?? {})) {
    for (const problem of qualifiedNameProblems(key)) errors.push(fieldError.invalid(path, key, problem));
    for (const problem of labelValueProblems(value)) errors.push(fieldError.invalid(path.key(key), value, problem));
  }
  return errors;
}

export function annotationErrors(annotations: Readonly<Record<string, string>> | undefined, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  let size = 0;
  for (const [key, value] of Object.entries(annotations ?? {})) {
    for (const problem of qualifiedNameProblems(key.toLowerCase())) errors.push(fieldError.invalid(path, key, problem));
    size += key.length + value.length;
  }
  if (size > TOTAL_ANNOTATION_SIZE_LIMIT) {
    errors.push(fieldError.invalid(path, null, `annotations are ${size} bytes, more than the ${TOTAL_ANNOTATION_SIZE_LIMIT} allowed`));
  }
  return errors;
}
