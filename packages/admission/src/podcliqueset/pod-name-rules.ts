/**
 * The pod-name budget (grove-spec §1.1): generated pod names and hostnames add indices and a random
 * suffix to the PodCliqueSet, scaling group and clique names, so those may use 45 characters in all.
 * An overrun is reported on every name that makes up the pod name, so the user can shorten any of them.
 */
import { podNameBudget, type PodCliqueSet } from '@grove/api';
import { fieldError, type FieldError } from '../field-errors.js';
import { dnsSubdomainProblems } from '../k8s-names.js';
import { cliquePath, groupPath, METADATA_NAME } from './paths.js';

/** The API server appends five characters to a `generateName`; until it has, budget for them. */
const GENERATED_SUFFIX_LENGTH = 5;

function pcsName(pcs: PodCliqueSet): string {
  const { name, generateName } = pcs.metadata;
  return name || `${generateName ?? ''}${'x'.repeat(GENERATED_SUFFIX_LENGTH)}`;
}

function standaloneErrors(pcs: PodCliqueSet, members: ReadonlySet<string>): FieldError[] {
  const name = pcsName(pcs);
  return pcs.spec.template.cliques.flatMap((clique, i) => {
    if (members.has(clique.name)) return [];
    const budget = podNameBudget({ pcs: name, clique: clique.name });
    if (budget.fits) return [];
    return [fieldError.invalid(cliquePath(i).child('name'), clique.name, budget.reason), fieldError.invalid(METADATA_NAME, name, budget.reason)];
  });
}

function memberErrors(pcs: PodCliqueSet): FieldError[] {
  const name = pcsName(pcs);
  return (pcs.spec.template.podCliqueScalingGroups ?? []).flatMap((group, g) =>
    group.cliqueNames.flatMap((clique, j) => {
      const budget = podNameBudget({ pcs: name, scalingGroup: group.name, clique });
      if (budget.fits) return [];
      return [
        fieldError.invalid(groupPath(g).child('cliqueNames').index(j), clique, budget.reason),
        fieldError.invalid(groupPath(g).child('name'), group.name, budget.reason),
        fieldError.invalid(METADATA_NAME, name, budget.reason),
      ];
    }),
  );
}

export function podNameRules(pcs: PodCliqueSet): FieldError[] {
  const members = new Set((pcs.spec.template.podCliqueScalingGroups ?? []).flatMap((g) => g.cliqueNames));
  const nameErrors = pcs.metadata.name ? dnsSubdomainProblems(pcs.metadata.name).map((p) => fieldError.invalid(METADATA_NAME, pcs.metadata.name ?? '', p)) : [];
  return [...nameErrors, ...standaloneErrors(pcs, members), ...memberErrors(pcs)];
}
