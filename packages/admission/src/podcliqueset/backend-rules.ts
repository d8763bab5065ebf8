/**
 * What the scheduler backends and MNNVL need from a PodCliqueSet (grove-spec §2.6, §3.5): a KAI
 * queue to place the gang in, no topology constraints for backends that cannot pack, and a valid
 * `grove.io/mnnvl-group` annotation (clique → scaling group → PodCliqueSet; `none` opts out) that
 * only an operator with MNNVL enabled accepts, and that never changes after creation.
 */
import { ANNOTATION, type PodCliqueSet } from '@grove/api';
import type { PodCliqueSetContext } from '../context.js';
import { echo, fieldError, type FieldError } from '../field-errors.js';
import { FieldPath } from '../field-path.js';
import { cliquePath, groupPath } from './paths.js';
import { constraintSites } from './topology-sites.js';

const KAI = 'kai-scheduler';
/** Backends that place pods without topology packing (grove-spec §3.5). */
const NO_TOPOLOGY = ['volcano', 'lpx-scheduler'];
const MNNVL_OPT_OUT = 'none';
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

type Metadata = { labels?: Record<string, string>; annotations?: Record<string, string> };

/** Every place a `grove.io/mnnvl-group` annotation may sit, with its path and current value. */
function mnnvlAnnotations(pcs: PodCliqueSet): { key: string; path: FieldPath; value: string | undefined }[] {
  const at = (path: FieldPath) => path.child('annotations').key(ANNOTATION.mnnvlGroup);
  return [
    { key: 'pcs', path: at(FieldPath.root('metadata')), value: pcs.metadata.annotations?.[ANNOTATION.mnnvlGroup] },
    ...(pcs.spec.template.podCliqueScalingGroups ?? []).map((g, i) => ({ key: `group/${g.name}`, path: at(groupPath(i)), value: g.annotations?.[ANNOTATION.mnnvlGroup] })),
    ...pcs.spec.template.cliques.map((c, i) => ({ key: `clique/${c.name}`, path: at(cliquePath(i)), value: c.annotations?.[ANNOTATION.mnnvlGroup] })),
  ];
}

export function mnnvlRules(pcs: PodCliqueSet, context: PodCliqueSetContext): FieldError[] {
  return mnnvlAnnotations(pcs).flatMap(({ path, value }): FieldError[] => {
    if (value === undefined || value === MNNVL_OPT_OUT) return [];
    if (value.length > 63 || !DNS_LABEL.test(value)) return [fieldError.invalid(path, value, `must be "${MNNVL_OPT_OUT}" or a DNS-1123 label`)];
    if (!context.autoMnnvl) return [fieldError.forbidden(path, 'MNNVL is disabled in the operator configuration (only "none" is accepted)')];
    return [];
  });
}

export function mnnvlUpdateRules(pcs: PodCliqueSet, old: PodCliqueSet): FieldError[] {
  const before = new Map(mnnvlAnnotations(old).map((a) => [a.key, a.value]));
  return mnnvlAnnotations(pcs)
    .filter((a) => before.has(a.key) && (before.get(a.key) ?? '') !== (a.value ?? ''))
    .map((a) => fieldError.forbidden(a.path, 'is immutable'));
}

function queueOf(metadata: Metadata): string | undefined {
  return metadata.labels?.[ANNOTATION.kaiQueue] || metadata.annotations?.[ANNOTATION.kaiQueue] || undefined;
}

/** KAI places a gang in a queue: the PodCliqueSet's, or else the one value its cliques agree on. */
function kaiQueueErrors(pcs: PodCliqueSet): FieldError[] {
  if (queueOf(pcs.metadata)) return [];
  const cliqueQueues = [...new Set(pcs.spec.template.cliques.map(queueOf).filter((q): q is string => q !== undefined))];
  if (cliqueQueues.length === 1) return [];
  const path = FieldPath.root('metadata', 'labels').key(ANNOTATION.kaiQueue);
  if (cliqueQueues.length === 0) return [fieldError.required(path, `kai-scheduler needs a queue: set the ${ANNOTATION.kaiQueue} label on the PodCliqueSet or its cliques`)];
  return [fieldError.invalid(path, null, `the cliques name different ${ANNOTATION.kaiQueue} values (${cliqueQueues.map((q) => echo(q)).join(', ')}); set one on the PodCliqueSet`)];
}

/** Backend checks for the scheduler every clique resolves to (the scheduler rules report disagreement). */
export function backendRules(pcs: PodCliqueSet, context: PodCliqueSetContext): FieldError[] {
  const scheduler = pcs.spec.template.cliques[0]?.spec.podSpec.schedulerName || context.schedulers.defaultName;
  if (scheduler === KAI) return kaiQueueErrors(pcs);
  if (!NO_TOPOLOGY.includes(scheduler)) return [];
  return constraintSites(pcs).map((site) => fieldError.forbidden(site.path, `scheduler backend ${echo(scheduler)} does not support topology constraints`));
}
