/**
 * Labels and annotations of a PodGang (grove-spec §3.2 step 2, Appendix A.9). The PCS's own labels
 * and annotations are mirrored except Grove's `grove.io/` keys, which Grove alone decides.
 */
import { ANNOTATION, COMPONENT, LABEL, defaultLabels, type PodCliqueSet } from '@grove/api';
import { cliqueTemplates } from '../template.js';
import { nameOf } from './objects.js';

/** The key prefix Grove reserves for itself on the objects it manages (§1.8). */
const GROVE_KEY_PREFIX = 'grove.io/';

function withoutGroveKeys(map: Readonly<Record<string, string>> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(map ?? {}).filter(([key]) => !key.startsWith(GROVE_KEY_PREFIX)));
}

/**
 * The backend that schedules the gang: the first clique podSpec `schedulerName` (the webhook makes
 * them agree), else the operator's default backend. The podgang controller routes on this (§3.5).
 */
export function gangSchedulerName(pcs: PodCliqueSet, defaultSchedulerName: string): string {
  const own = cliqueTemplates(pcs)
    .map((c) => c.spec.podSpec.schedulerName)
    .find((name) => name !== undefined && name !== '');
  return own ?? defaultSchedulerName;
}

export function podGangLabels(pcs: PodCliqueSet, schedulerName: string): Record<string, string> {
  return {
    ...withoutGroveKeys(pcs.metadata.labels),
    ...defaultLabels(nameOf(pcs)),
    [LABEL.component]: COMPONENT.podGang,
    ...(schedulerName !== '' && { [LABEL.schedulerName]: schedulerName }),
  };
}

/** `topologyName` is set when the gang carries a translated constraint: backends read it (§3.5). */
export function podGangAnnotations(pcs: PodCliqueSet, topologyName: string | undefined): Record<string, string> {
  return {
    ...withoutGroveKeys(pcs.metadata.annotations),
    ...(topologyName !== undefined && { [ANNOTATION.topologyName]: topologyName }),
  };
}
