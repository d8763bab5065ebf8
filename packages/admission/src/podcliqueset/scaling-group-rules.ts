/**
 * Rules on PodCliqueScalingGroup configs (grove-spec §1.1): names, membership (existing cliques, one
 * group per clique), sizes, scaleConfig bounds, and no autoScalingConfig on member cliques (the
 * group scales as a whole; a member's own HPA would fight the group's).
 */
import type { PodCliqueScalingGroupConfig, PodCliqueSet } from '@grove/api';
import { fieldError, type FieldError } from '../field-errors.js';
import type { FieldPath } from '../field-path.js';
import { dnsSubdomainProblems } from '../k8s-names.js';
import { isAbsent } from '../shape.js';
import { cliquePath, duplicates, groupPath } from './paths.js';

function sizeErrors(group: PodCliqueScalingGroupConfig, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const { replicas, minAvailable } = group;
  if (!isAbsent(replicas) && replicas <= 0) errors.push(fieldError.invalid(path.child('replicas'), replicas, 'must be greater than 0'));
  if (!isAbsent(minAvailable) && minAvailable <= 0) {
    errors.push(fieldError.invalid(path.child('minAvailable'), minAvailable, 'must be greater than 0'));
  } else if (!isAbsent(minAvailable) && !isAbsent(replicas) && minAvailable > replicas) {
    errors.push(fieldError.invalid(path.child('minAvailable'), minAvailable, `must not be greater than replicas (${replicas})`));
  }
  return errors;
}

function scaleConfigErrors(group: PodCliqueScalingGroupConfig, path: FieldPath): FieldError[] {
  const config = group.scaleConfig;
  if (!config) return [];
  if (isAbsent(config.minReplicas)) return [fieldError.required(path.child('minReplicas'), 'must be set (the defaulting webhook sets it to replicas)')];
  const errors: FieldError[] = [];
  if (!isAbsent(group.minAvailable) && config.minReplicas < group.minAvailable) {
    errors.push(fieldError.invalid(path.child('minReplicas'), config.minReplicas, `must be greater than or equal to minAvailable (${group.minAvailable})`));
  }
  if (config.maxReplicas < config.minReplicas) {
    errors.push(fieldError.invalid(path.child('maxReplicas'), config.maxReplicas, `must be greater than or equal to minReplicas (${config.minReplicas})`));
  }
  return errors;
}

function membershipErrors(pcs: PodCliqueSet): FieldError[] {
  const cliqueNames = new Set(pcs.spec.template.cliques.map((c) => c.name));
  const groups = pcs.spec.template.podCliqueScalingGroups ?? [];
  const owner = new Map<string, number>();
  return groups.flatMap((group, g) =>
    group.cliqueNames.flatMap((name, j): FieldError[] => {
      const path = groupPath(g).child('cliqueNames').index(j);
      if (!cliqueNames.has(name)) return [fieldError.notFound(path, name, 'must name a clique of spec.template.cliques')];
      const first = owner.get(name);
      if (first === undefined) {
        owner.set(name, g);
        return [];
      }
      const where = first === g ? 'this group' : `podCliqueScalingGroups[${first}]`;
      return [fieldError.invalid(path, name, `a clique may belong to one scaling group only; it is already in ${where}`)];
    }),
  );
}

function memberAutoScalingErrors(pcs: PodCliqueSet): FieldError[] {
  const members = new Set((pcs.spec.template.podCliqueScalingGroups ?? []).flatMap((g) => g.cliqueNames));
  return pcs.spec.template.cliques.flatMap((clique, i) =>
    members.has(clique.name) && clique.spec.autoScalingConfig
      ? [fieldError.forbidden(cliquePath(i).child('spec', 'autoScalingConfig'), "must not be set on a scaling group's clique: use the group's scaleConfig")]
      : [],
  );
}

export function scalingGroupRules(pcs: PodCliqueSet): FieldError[] {
  const groups = pcs.spec.template.podCliqueScalingGroups ?? [];
  return [
    ...groups.flatMap((group, g) => [
      ...dnsSubdomainProblems(group.name).map((p) => fieldError.invalid(groupPath(g).child('name'), group.name, p)),
      ...sizeErrors(group, groupPath(g)),
      ...scaleConfigErrors(group, groupPath(g).child('scaleConfig')),
    ]),
    ...duplicates(groups.map((g) => g.name), (g) => groupPath(g).child('name')),
    ...membershipErrors(pcs),
    ...memberAutoScalingErrors(pcs),
  ];
}
