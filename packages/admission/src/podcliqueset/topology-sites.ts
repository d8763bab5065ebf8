/**
 * Where a PodCliqueSet has topology constraints, and which ClusterTopologyBinding each one means:
 * a constraint without `topologyName` inherits it from the nearest constrained ancestor (a clique
 * from its scaling group, else from the PodCliqueSet; a scaling group from the PodCliqueSet).
 */
import type { PodCliqueSet, TopologyConstraint } from '@grove/api';
import { echo, fieldError, type FieldError } from '../field-errors.js';
import type { FieldPath } from '../field-path.js';
import { cliquePath, groupPath, TEMPLATE } from './paths.js';

export type SiteKind = 'PodCliqueSet' | 'PodCliqueScalingGroup' | 'PodClique';

export interface ConstraintSite {
  readonly kind: SiteKind;
  /** The clique or group name ('' for the PodCliqueSet). */
  readonly name: string;
  readonly path: FieldPath;
  readonly constraint: TopologyConstraint;
  /** Own topologyName, else the inherited one; undefined when there is none to inherit. */
  readonly effectiveName: string | undefined;
}

/** Effective required domain: `pack.required`, else the deprecated `packDomain`. */
export function requiredDomain(c: TopologyConstraint): { domain: string; field: string } | undefined {
  if (c.pack?.required) return { domain: c.pack.required, field: 'pack.required' };
  if (c.packDomain) return { domain: c.packDomain, field: 'packDomain' };
  return undefined;
}

/** Every constraint, PodCliqueSet first, then scaling groups, then cliques. */
export function constraintSites(pcs: PodCliqueSet): ConstraintSite[] {
  const template = pcs.spec.template;
  const sites: ConstraintSite[] = [];
  const pcsName = template.topologyConstraint ? template.topologyConstraint.topologyName || undefined : undefined;
  if (template.topologyConstraint) {
    sites.push({ kind: 'PodCliqueSet', name: '', path: TEMPLATE.child('topologyConstraint'), constraint: template.topologyConstraint, effectiveName: pcsName });
  }
  const groupNameOfClique = new Map<string, string | undefined>();
  (template.podCliqueScalingGroups ?? []).forEach((group, g) => {
    if (!group.topologyConstraint) return;
    const effectiveName = group.topologyConstraint.topologyName || pcsName;
    sites.push({ kind: 'PodCliqueScalingGroup', name: group.name, path: groupPath(g).child('topologyConstraint'), constraint: group.topologyConstraint, effectiveName });
    for (const clique of group.cliqueNames) if (!groupNameOfClique.has(clique)) groupNameOfClique.set(clique, effectiveName);
  });
  template.cliques.forEach((clique, i) => {
    if (!clique.topologyConstraint) return;
    const inherited = groupNameOfClique.has(clique.name) ? groupNameOfClique.get(clique.name) : pcsName;
    const effectiveName = clique.topologyConstraint.topologyName || inherited;
    sites.push({ kind: 'PodClique', name: clique.name, path: cliquePath(i).child('topologyConstraint'), constraint: clique.topologyConstraint, effectiveName });
  });
  return sites;
}

/** Missing names (nothing to inherit) and names that differ from the first one. */
export function topologyNameErrors(sites: readonly ConstraintSite[]): FieldError[] {
  const first = sites.find((s) => s.effectiveName !== undefined)?.effectiveName;
  return sites.flatMap((site): FieldError[] => {
    const path = site.path.child('topologyName');
    if (site.effectiveName === undefined) {
      return [fieldError.required(path, 'must name a ClusterTopologyBinding: no enclosing topologyConstraint names one to inherit')];
    }
    if (site.effectiveName !== first && site.constraint.topologyName) {
      return [fieldError.invalid(path, site.effectiveName, `every topologyConstraint of a PodCliqueSet must name the same ClusterTopologyBinding (first one: ${echo(first ?? '')})`)];
    }
    return [];
  });
}

/** The one ClusterTopologyBinding the constraints name, when they name exactly one. */
export function effectiveTopologyName(pcs: PodCliqueSet): string | undefined {
  const sites = constraintSites(pcs);
  if (sites.length === 0 || topologyNameErrors(sites).length > 0) return undefined;
  return sites[0]?.effectiveName;
}
