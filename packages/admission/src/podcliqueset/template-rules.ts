/** Rules on the PodCliqueSet spec and template as a whole (grove-spec §1.1). */
import { parseGoDuration, type PodCliqueSet } from '@grove/api';
import { fieldError, type FieldError } from '../field-errors.js';
import { FieldPath } from '../field-path.js';
import { TEMPLATE } from './paths.js';

export function templateRules(pcs: PodCliqueSet): FieldError[] {
  const errors: FieldError[] = [];
  const replicas = pcs.spec.replicas ?? 0;
  if (replicas < 0) errors.push(fieldError.invalid(FieldPath.root('spec', 'replicas'), replicas, 'must be greater than or equal to 0'));
  if (pcs.spec.template.cliques.length === 0) errors.push(fieldError.required(TEMPLATE.child('cliques'), 'at least one clique must be defined'));
  const delay = pcs.spec.template.terminationDelay;
  const delayPath = TEMPLATE.child('terminationDelay');
  if (!delay) {
    errors.push(fieldError.required(delayPath, 'must be set (the defaulting webhook sets 4h)'));
  } else {
    const ms = parseGoDuration(delay);
    if (ms === undefined) errors.push(fieldError.invalid(delayPath, delay, 'must be a duration such as 4h, 30m or 10s'));
    else if (ms <= 0) errors.push(fieldError.invalid(delayPath, delay, 'must be greater than 0'));
  }
  return errors;
}
