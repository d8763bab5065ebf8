/**
 * Rules on each clique template (grove-spec §1.1 "Webhook rules on each clique spec"): sizes,
 * minAvailable, autoscaling bounds, names, labels, and roleName uniqueness across cliques.
 */
import type { PodCliqueSet, PodCliqueTemplateSpec } from '@grove/api';
import { fieldError, type FieldError } from '../field-errors.js';
import type { FieldPath } from '../field-path.js';
import { dnsSubdomainProblems } from '../k8s-names.js';
import { isAbsent } from '../shape.js';
import { annotationErrors, labelErrors } from './metadata-rules.js';
import { cliquePath, duplicates } from './paths.js';

function sizeErrors(clique: PodCliqueTemplateSpec, path: FieldPath): FieldError[] {
  const spec = clique.spec;
  const errors: FieldError[] = [];
  const replicas = spec.replicas ?? 0;
  if (replicas <= 0) errors.push(fieldError.invalid(path.child('replicas'), replicas, 'must be greater than 0'));
  if (isAbsent(spec.minAvailable)) {
    errors.push(fieldError.required(path.child('minAvailable'), 'must be set (the defaulting webhook sets it to replicas)'));
  } else if (spec.minAvailable <= 0) {
    errors.push(fieldError.invalid(path.child('minAvailable'), spec.minAvailable, 'must be greater than 0'));
  } else if (spec.minAvailable > replicas) {
    errors.push(fieldError.invalid(path.child('minAvailable'), spec.minAvailable, `must not be greater than replicas (${replicas})`));
  }
  return errors;
}

function autoScalingErrors(clique: PodCliqueTemplateSpec, path: FieldPath): FieldError[] {
  const config = clique.spec.autoScalingConfig;
  if (!config) return [];
  const errors: FieldError[] = [];
  const { minAvailable, replicas = 0 } = clique.spec;
  if (isAbsent(config.minReplicas)) {
    errors.push(fieldError.required(path.child('minReplicas'), 'must be set (the defaulting webhook sets it to replicas)'));
  } else {
    if (!isAbsent(minAvailable) && config.minReplicas < minAvailable) {
      errors.push(fieldError.invalid(path.child('minReplicas'), config.minReplicas, `must be greater than or equal to minAvailable (${minAvailable}): an HPA must not scale below the gang minimum`));
    }
    if (config.maxReplicas < config.minReplicas) {
      errors.push(fieldError.invalid(path.child('maxReplicas'), config.maxReplicas, `must be greater than or equal to minReplicas (${config.minReplicas})`));
    }
  }
  if (config.maxReplicas < replicas) {
    errors.push(fieldError.invalid(path.child('maxReplicas'), config.maxReplicas, `must be greater than or equal to replicas (${replicas})`));
  }
  return errors;
}

function cliqueErrors(clique: PodCliqueTemplateSpec, i: number): FieldError[] {
  const path = cliquePath(i);
  return [
    ...dnsSubdomainProblems(clique.name).map((p) => fieldError.invalid(path.child('name'), clique.name, p)),
    ...labelErrors(clique.labels, path.child('labels')),
    ...annotationErrors(clique.annotations, path.child('annotations')),
    ...sizeErrors(clique, path.child('spec')),
    ...autoScalingErrors(clique, path.child('spec', 'autoScalingConfig')),
  ];
}

export function cliqueRules(pcs: PodCliqueSet): FieldError[] {
  const cliques = pcs.spec.template.cliques;
  return [
    ...cliques.flatMap(cliqueErrors),
    ...duplicates(cliques.map((c) => c.name), (i) => cliquePath(i).child('name')),
    // As in Grove, an unset roleName counts as "": two cliques without one collide.
    ...duplicates(cliques.map((c) => c.spec.roleName ?? ''), (i) => cliquePath(i).child('spec', 'roleName')),
  ];
}
