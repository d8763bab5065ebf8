/**
 * What may not change on update (grove-spec §9.1 "Update immutables"): the set of cliques and
 * scaling groups, clique order under InOrder/Explicit startup, and the fields the generated
 * PodCliques, PodGangs and ResourceClaims were built from. Cliques and groups are matched by name.
 */
import type { PodCliqueSet, PodCliqueScalingGroupConfig, PodCliqueTemplateSpec } from '@grove/api';
import { echo, fieldError, type FieldError, type RuleResult } from '../field-errors.js';
import type { FieldPath } from '../field-path.js';
import { sameValue } from '../same.js';
import { cliquePath, groupPath, TEMPLATE } from './paths.js';
import { EXPLICIT } from './startup-order.js';
import { topologyUpdateErrors, topologyUpdateWarnings } from './topology-update.js';

const ANY_ORDER = 'CliqueStartupTypeAnyOrder';

function immutable(path: FieldPath, now: unknown, before: unknown): FieldError[] {
  return sameValue(now, before) ? [] : [fieldError.forbidden(path, 'field is immutable')];
}

function compositionErrors(kind: string, now: readonly string[], before: readonly string[], pathOf: (i: number) => FieldPath, listPath: FieldPath): FieldError[] {
  const added = now.flatMap((name, i) => (before.includes(name) ? [] : [fieldError.forbidden(pathOf(i).child('name'), `${kind} ${echo(name)} cannot be added or renamed after creation`)]));
  const removed = before.filter((name) => !now.includes(name)).map((name) => fieldError.forbidden(listPath, `${kind} ${echo(name)} cannot be removed after creation`));
  return [...added, ...removed];
}

function cliqueErrors(now: PodCliqueTemplateSpec, before: PodCliqueTemplateSpec, i: number): FieldError[] {
  const path = cliquePath(i);
  const spec = path.child('spec');
  return [
    ...immutable(spec.child('roleName'), now.spec.roleName, before.spec.roleName),
    ...immutable(spec.child('minAvailable'), now.spec.minAvailable, before.spec.minAvailable),
    ...immutable(spec.child('startsAfter'), now.spec.startsAfter, before.spec.startsAfter),
    ...immutable(spec.child('podSpec', 'schedulerName'), now.spec.podSpec.schedulerName, before.spec.podSpec.schedulerName),
    ...immutable(path.child('resourceSharing'), now.resourceSharing, before.resourceSharing),
  ];
}

function groupErrors(now: PodCliqueScalingGroupConfig, before: PodCliqueScalingGroupConfig, g: number): FieldError[] {
  const path = groupPath(g);
  return [
    ...immutable(path.child('cliqueNames'), now.cliqueNames, before.cliqueNames),
    ...immutable(path.child('minAvailable'), now.minAvailable, before.minAvailable),
    ...immutable(path.child('resourceSharing'), now.resourceSharing, before.resourceSharing),
  ];
}

function cliqueSetErrors(pcs: PodCliqueSet, old: PodCliqueSet): FieldError[] {
  const now = pcs.spec.template.cliques;
  const before = old.spec.template.cliques;
  const errors = compositionErrors('clique', now.map((c) => c.name), before.map((c) => c.name), cliquePath, TEMPLATE.child('cliques'));
  const ordered = (pcs.spec.template.cliqueStartupType ?? ANY_ORDER) !== ANY_ORDER;
  now.forEach((clique, i) => {
    const previous = before.findIndex((c) => c.name === clique.name);
    if (previous < 0) return;
    if (ordered && previous !== i) {
      errors.push(fieldError.forbidden(cliquePath(i).child('name'), `clique order cannot change with InOrder or ${EXPLICIT} startup (was at index ${previous})`));
    }
    errors.push(...cliqueErrors(clique, before[previous] as PodCliqueTemplateSpec, i));
  });
  return errors;
}

function groupSetErrors(pcs: PodCliqueSet, old: PodCliqueSet): FieldError[] {
  const now = pcs.spec.template.podCliqueScalingGroups ?? [];
  const before = old.spec.template.podCliqueScalingGroups ?? [];
  const errors = compositionErrors('scaling group', now.map((g) => g.name), before.map((g) => g.name), groupPath, TEMPLATE.child('podCliqueScalingGroups'));
  now.forEach((group, g) => {
    const previous = before.find((b) => b.name === group.name);
    if (previous) errors.push(...groupErrors(group, previous, g));
  });
  return errors;
}

export function updateRules(pcs: PodCliqueSet, old: PodCliqueSet): RuleResult {
  const template = pcs.spec.template;
  const oldTemplate = old.spec.template;
  const errors = [
    ...immutable(TEMPLATE.child('cliqueStartupType'), template.cliqueStartupType ?? ANY_ORDER, oldTemplate.cliqueStartupType ?? ANY_ORDER),
    ...cliqueSetErrors(pcs, old),
    ...groupSetErrors(pcs, old),
    ...immutable(TEMPLATE.child('resourceClaimTemplates'), template.resourceClaimTemplates, oldTemplate.resourceClaimTemplates),
    ...immutable(TEMPLATE.child('resourceSharing'), template.resourceSharing, oldTemplate.resourceSharing),
    ...topologyUpdateErrors(pcs, old),
  ];
  return { errors, warnings: topologyUpdateWarnings(pcs) };
}
