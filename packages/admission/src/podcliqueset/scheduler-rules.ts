/**
 * Scheduler backend of a PodCliqueSet (grove-spec §3.5): all cliques must resolve (empty ⇒ the
 * default) to one scheduler, since one PodGang is placed by one backend, and it must be enabled.
 */
import type { PodCliqueSet } from '@grove/api';
import type { SchedulerCatalog } from '../context.js';
import { echo, fieldError, type FieldError } from '../field-errors.js';
import { cliquePath } from './paths.js';

export function schedulerRules(pcs: PodCliqueSet, catalog: SchedulerCatalog): FieldError[] {
  const cliques = pcs.spec.template.cliques;
  const resolved = cliques.map((c) => c.spec.podSpec.schedulerName || catalog.defaultName);
  const first = resolved[0];
  if (first === undefined) return [];
  const path = (i: number) => cliquePath(i).child('spec', 'podSpec', 'schedulerName');
  const errors: FieldError[] = [];
  resolved.forEach((name, i) => {
    if (name !== first) errors.push(fieldError.invalid(path(i), name, `every clique must use the same scheduler; cliques[0] uses ${echo(first)}`));
  });
  if (!catalog.enabled.some((b) => b.name === first)) {
    const enabled = catalog.enabled.map((b) => b.name);
    errors.push(fieldError.notSupported(path(0), first, enabled));
  }
  return errors;
}
