/**
 * `startsAfter` under `CliqueStartupTypeExplicit` (grove-spec §5): every entry names another,
 * existing clique, at most once, and the dependencies form no cycle. Cycles are the
 * strongly-connected components of the dependency graph, one error per cycle.
 */
import type { PodCliqueSet } from '@grove/api';
import { echo, fieldError, type FieldError, type RuleResult } from '../field-errors.js';
import { findCycles } from '../graph.js';
import { cliquePath, duplicates } from './paths.js';

export const EXPLICIT = 'CliqueStartupTypeExplicit';

function entryErrors(pcs: PodCliqueSet): FieldError[] {
  const names = new Set(pcs.spec.template.cliques.map((c) => c.name));
  return pcs.spec.template.cliques.flatMap((clique, i) => {
    const path = cliquePath(i).child('spec', 'startsAfter');
    const deps = clique.spec.startsAfter ?? [];
    const errors = deps.flatMap((dep, j): FieldError[] => {
      if (dep === '') return [fieldError.required(path.index(j), 'must name a clique')];
      if (dep === clique.name) return [fieldError.invalid(path.index(j), dep, 'a clique cannot start after itself')];
      if (!names.has(dep)) return [fieldError.notFound(path.index(j), dep, 'must name a clique of spec.template.cliques')];
      return [];
    });
    return [...errors, ...duplicates(deps, (j) => path.index(j))];
  });
}

function cycleErrors(pcs: PodCliqueSet): FieldError[] {
  const cliques = pcs.spec.template.cliques;
  // Self-references are entry errors already; leaving them out keeps them from counting as cycles too.
  const graph = new Map(cliques.map((c) => [c.name, (c.spec.startsAfter ?? []).filter((d) => d !== c.name)]));
  return findCycles(graph).map((cycle) => {
    const first = cliques.findIndex((c) => c.name === cycle[0]);
    const members = cycle.map((name) => echo(name)).join(', ');
    return fieldError.invalid(cliquePath(first).child('spec', 'startsAfter'), null, `cliques ${members} start after each other in a cycle`);
  });
}

export function startupOrderRules(pcs: PodCliqueSet): RuleResult {
  if (pcs.spec.template.cliqueStartupType !== EXPLICIT) {
    const ignored = pcs.spec.template.cliques.flatMap((c, i) =>
      (c.spec.startsAfter ?? []).length > 0 ? [`${cliquePath(i).child('spec', 'startsAfter')}: ignored unless cliqueStartupType is ${EXPLICIT}`] : [],
    );
    return { errors: [], warnings: ignored };
  }
  return { errors: [...entryErrors(pcs), ...cycleErrors(pcs)], warnings: [] };
}
