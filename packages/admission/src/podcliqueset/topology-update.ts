/**
 * Topology constraints are immutable after creation (a scheduled gang cannot be re-packed), with the
 * two migrations Grove allows for objects written before `topologyName` and `pack` existed: adding a
 * missing `topologyName` to a `packDomain` constraint, and moving `packDomain` to `pack.required`
 * with the same domain.
 */
import type { PodCliqueSet, TopologyConstraint } from '@grove/api';
import { fieldError, type FieldError } from '../field-errors.js';
import type { FieldPath } from '../field-path.js';
import { sameValue } from '../same.js';
import { cliquePath, groupPath, TEMPLATE } from './paths.js';
import { constraintSites, requiredDomain } from './topology-sites.js';

/** Whether `now` is `before` or one of the allowed legacy migrations of it. */
export function isAllowedConstraintChange(now: TopologyConstraint, before: TopologyConstraint): boolean {
  if (sameValue(now, before)) return true;
  if (!before.packDomain) return false;
  const sameRequired = requiredDomain(now)?.domain === before.packDomain;
  const samePreferred = (now.pack?.preferred ?? '') === (before.pack?.preferred ?? '');
  const nameKeptOrAdded = !before.topologyName || now.topologyName === before.topologyName;
  return sameRequired && samePreferred && nameKeptOrAdded;
}

function constraintErrors(now: TopologyConstraint | undefined, before: TopologyConstraint | undefined, path: FieldPath): FieldError[] {
  if (!now && !before) return [];
  if (!now || !before) return [fieldError.forbidden(path, `cannot be ${now ? 'added' : 'removed'} after creation`)];
  if (isAllowedConstraintChange(now, before)) return [];
  return [
    fieldError.forbidden(path, 'is immutable; only adding a missing topologyName to a packDomain constraint or moving packDomain to pack.required (same domain) is allowed'),
  ];
}

export function topologyUpdateErrors(pcs: PodCliqueSet, old: PodCliqueSet): FieldError[] {
  const t = pcs.spec.template;
  const o = old.spec.template;
  const errors = constraintErrors(t.topologyConstraint, o.topologyConstraint, TEMPLATE.child('topologyConstraint'));
  t.cliques.forEach((clique, i) => {
    const before = o.cliques.find((c) => c.name === clique.name);
    if (before) errors.push(...constraintErrors(clique.topologyConstraint, before.topologyConstraint, cliquePath(i).child('topologyConstraint')));
  });
  (t.podCliqueScalingGroups ?? []).forEach((group, g) => {
    const before = o.podCliqueScalingGroups?.find((b) => b.name === group.name);
    if (before) errors.push(...constraintErrors(group.topologyConstraint, before.topologyConstraint, groupPath(g).child('topologyConstraint')));
  });
  return errors;
}

/** A constraint still using the deprecated `packDomain` is tolerated, with a nudge to migrate. */
export function topologyUpdateWarnings(pcs: PodCliqueSet): string[] {
  return constraintSites(pcs)
    .filter((site) => site.constraint.packDomain)
    .map((site) => `${site.path.child('packDomain')}: deprecated; move it to pack.required`);
}
