/** Field paths into a PodCliqueSet, and the duplicate check every list rule shares. */
import { fieldError, type FieldError } from '../field-errors.js';
import { FieldPath } from '../field-path.js';

export const METADATA_NAME = FieldPath.root('metadata', 'name');
export const TEMPLATE = FieldPath.root('spec', 'template');
export const cliquePath = (i: number): FieldPath => TEMPLATE.child('cliques').index(i);
export const groupPath = (i: number): FieldPath => TEMPLATE.child('podCliqueScalingGroups').index(i);

/** A Duplicate error for every repeat of a value (the first occurrence is fine). */
export function duplicates(values: readonly string[], pathOf: (i: number) => FieldPath): FieldError[] {
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  values.forEach((value, i) => {
    if (seen.has(value)) errors.push(fieldError.duplicate(pathOf(i), value));
    seen.add(value);
  });
  return errors;
}
