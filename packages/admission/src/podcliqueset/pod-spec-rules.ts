/**
 * Rules on each clique's podSpec: Grove places pods itself, so a new clique may not pin a node or
 * bring spread constraints; env var names must be valid and unique per container (Grove prepends
 * its own `GROVE_*` variables, and a duplicate would make the pod's environment ambiguous).
 */
import type { PodCliqueTemplateSpec } from '@grove/api';
import { echo, fieldError, type FieldError, type RuleResult } from '../field-errors.js';
import type { FieldPath } from '../field-path.js';
import { envVarNameProblems } from '../k8s-names.js';
import { isAbsent } from '../shape.js';
import { DEFAULT_RESTART_POLICY } from './defaults.js';
import { cliquePath, duplicates } from './paths.js';

type Containers = PodCliqueTemplateSpec['spec']['podSpec']['containers'];

function envErrors(containers: Containers | undefined, path: FieldPath): FieldError[] {
  return (containers ?? []).flatMap((container, i) => {
    const envPath = path.index(i).child('env');
    const names = (container.env ?? []).map((e) => e.name);
    return [
      ...names.flatMap((name, j) => envVarNameProblems(name).map((p) => fieldError.invalid(envPath.index(j).child('name'), name, p))),
      ...duplicates(names, (j) => envPath.index(j).child('name')),
    ];
  });
}

function createOnlyErrors(clique: PodCliqueTemplateSpec, path: FieldPath): FieldError[] {
  const podSpec = clique.spec.podSpec;
  const errors: FieldError[] = [];
  if (!isAbsent(podSpec.topologySpreadConstraints)) {
    errors.push(fieldError.forbidden(path.child('topologySpreadConstraints'), 'must not be set: Grove places the pods (use topologyConstraint)'));
  }
  if (podSpec.nodeName) errors.push(fieldError.forbidden(path.child('nodeName'), 'must not be set: Grove schedules the pods'));
  return errors;
}

function restartPolicyWarning(clique: PodCliqueTemplateSpec, path: FieldPath): string[] {
  const policy = clique.spec.podSpec.restartPolicy;
  if (!policy || policy === DEFAULT_RESTART_POLICY) return [];
  return [`${path.child('restartPolicy')}: ${echo(policy)} is kept as given; Grove expects ${DEFAULT_RESTART_POLICY}`];
}

export function podSpecRules(cliques: readonly PodCliqueTemplateSpec[], operation: 'CREATE' | 'UPDATE'): RuleResult {
  const errors: FieldError[] = [];
  const warnings: string[] = [];
  cliques.forEach((clique, i) => {
    const path = cliquePath(i).child('spec', 'podSpec');
    if (operation === 'CREATE') errors.push(...createOnlyErrors(clique, path));
    errors.push(...envErrors(clique.spec.podSpec.containers, path.child('containers')));
    errors.push(...envErrors(clique.spec.podSpec.initContainers, path.child('initContainers')));
    warnings.push(...restartPolicyWarning(clique, path));
  });
  return { errors, warnings };
}
