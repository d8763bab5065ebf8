/**
 * Lookups that fail loudly. The builders here are called with names taken from the PodCliqueSet
 * itself, so an unknown name is a caller bug (or a template the webhook should have rejected),
 * never a state to paper over with an empty object.
 */
import type { PodCliqueScalingGroupConfig, PodCliqueSet, PodCliqueTemplateSpec } from '@grove/api';
import { cliqueTemplate, scalingGroupConfigs } from '../template.js';

/** `metadata.name`: every generated name starts with it (grove-spec §2.1). */
export function pcsNameOf(pcs: PodCliqueSet): string {
  const name = pcs.metadata.name;
  if (name === undefined || name === '') throw new Error('PodCliqueSet has no metadata.name');
  return name;
}

export function requireClique(pcs: PodCliqueSet, clique: string): PodCliqueTemplateSpec {
  const template = cliqueTemplate(pcs, clique);
  if (template === undefined) throw new RangeError(`clique "${clique}" is not in PodCliqueSet ${pcsNameOf(pcs)}`);
  return template;
}

export function requireScalingGroup(pcs: PodCliqueSet, group: string): PodCliqueScalingGroupConfig {
  const config = scalingGroupConfigs(pcs).find((g) => g.name === group);
  if (config === undefined) throw new RangeError(`scaling group "${group}" is not in PodCliqueSet ${pcsNameOf(pcs)}`);
  return config;
}
