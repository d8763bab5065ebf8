/**
 * Topology constraints on create (grove-spec §8), checked against the levels of the
 * ClusterTopologyBinding that the handler looked up: TAS must be on, every constraint must resolve
 * to the same binding, which must exist; every domain must be one of its levels; and a parent's
 * domain must not be narrower than a child's (levels are ordered broadest → narrowest).
 */
import type { PodCliqueSet, TopologyLevel } from '@grove/api';
import type { PodCliqueSetContext } from '../context.js';
import { echo, fieldError, type FieldError, type RuleResult } from '../field-errors.js';
import { constraintSites, requiredDomain, topologyNameErrors, type ConstraintSite } from './topology-sites.js';

type Side = 'required' | 'preferred';

function domainOf(site: ConstraintSite, side: Side): { domain: string; field: string } | undefined {
  if (side === 'required') return requiredDomain(site.constraint);
  const preferred = site.constraint.pack?.preferred;
  return preferred ? { domain: preferred, field: 'pack.preferred' } : undefined;
}

function unknownDomainErrors(sites: readonly ConstraintSite[], name: string, levels: readonly TopologyLevel[]): FieldError[] {
  const known = levels.map((l) => l.domain);
  return sites.flatMap((site) =>
    (['required', 'preferred'] as const).flatMap((side) => {
      const d = domainOf(site, side);
      if (!d || known.includes(d.domain)) return [];
      const detail = `is not a level of ClusterTopologyBinding ${echo(name)} (levels: ${known.join(', ')})`;
      return [fieldError.notFound(site.path.child(d.field), d.domain, detail)];
    }),
  );
}

function label(site: ConstraintSite): string {
  return site.kind === 'PodCliqueSet' ? 'the PodCliqueSet' : `${site.kind} ${echo(site.name)}`;
}

/** Errors where `parent` packs into a narrower domain than `child` on the same side. */
function narrowerThan(parent: ConstraintSite, child: ConstraintSite, rank: (d: string) => number | undefined): FieldError[] {
  return (['required', 'preferred'] as const).flatMap((side) => {
    const p = domainOf(parent, side);
    const c = domainOf(child, side);
    if (!p || !c) return [];
    const pr = rank(p.domain);
    const cr = rank(c.domain);
    // Unknown domains are reported elsewhere; their place in the hierarchy cannot be judged.
    if (pr === undefined || cr === undefined || pr <= cr) return [];
    const detail = `${side} domain of ${label(parent)} is narrower than the ${side} domain ${echo(c.domain)} of ${label(child)}`;
    return [fieldError.invalid(parent.path.child(p.field), p.domain, detail)];
  });
}

function hierarchyErrors(pcs: PodCliqueSet, sites: readonly ConstraintSite[], levels: readonly TopologyLevel[]): FieldError[] {
  const rank = (domain: string) => {
    const i = levels.findIndex((l) => l.domain === domain);
    return i < 0 ? undefined : i;
  };
  const pcsSite = sites.find((s) => s.kind === 'PodCliqueSet');
  const groups = sites.filter((s) => s.kind === 'PodCliqueScalingGroup');
  const cliques = sites.filter((s) => s.kind === 'PodClique');
  const errors = pcsSite ? [...groups, ...cliques].flatMap((child) => narrowerThan(pcsSite, child, rank)) : [];
  for (const group of groups) {
    const members = pcs.spec.template.podCliqueScalingGroups?.find((g) => g.name === group.name)?.cliqueNames ?? [];
    for (const clique of cliques.filter((c) => members.includes(c.name))) errors.push(...narrowerThan(group, clique, rank));
  }
  return errors;
}

function preferenceWarnings(sites: readonly ConstraintSite[], levels: readonly TopologyLevel[]): string[] {
  const rank = (d: string) => levels.findIndex((l) => l.domain === d);
  return sites.flatMap((site) => {
    const required = domainOf(site, 'required');
    const preferred = domainOf(site, 'preferred');
    if (!required || !preferred || rank(preferred.domain) < 0 || rank(required.domain) < 0) return [];
    if (rank(preferred.domain) >= rank(required.domain)) return [];
    return [`${site.path.child('pack.preferred')}: ${echo(preferred.domain)} is broader than the required ${echo(required.domain)}, so it adds nothing`];
  });
}

export function topologyCreateRules(pcs: PodCliqueSet, context: PodCliqueSetContext): RuleResult {
  const sites = constraintSites(pcs);
  if (sites.length === 0) return { errors: [], warnings: [] };
  if (!context.topologyAwareScheduling) {
    return { errors: sites.map((s) => fieldError.forbidden(s.path, 'topology-aware scheduling is disabled in the operator configuration')), warnings: [] };
  }
  const nameErrors = topologyNameErrors(sites);
  if (nameErrors.length > 0) return { errors: nameErrors, warnings: [] };
  const lookup = context.topology;
  if (lookup.kind === 'none') return { errors: [], warnings: [] };
  if (lookup.kind === 'not-found') {
    const named = sites.find((s) => s.constraint.topologyName) ?? (sites[0] as ConstraintSite);
    return { errors: [fieldError.notFound(named.path.child('topologyName'), lookup.name, 'no ClusterTopologyBinding has this name')], warnings: [] };
  }
  const unknown = unknownDomainErrors(sites, lookup.name, lookup.levels);
  return { errors: [...unknown, ...hierarchyErrors(pcs, sites, lookup.levels)], warnings: preferenceWarnings(sites, lookup.levels) };
}
