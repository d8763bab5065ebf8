/**
 * Topology-aware scheduling for PodGangs (grove-spec §1.6, §8): which ClusterTopologyBinding a
 * PodCliqueSet uses, how its pack constraints (topology *domains* such as `rack`) become PodGang
 * constraints (node label *keys*), and the PCS `TopologyLevelsUnavailable` condition.
 */
import {
  CONDITION_REASON,
  CONDITION_TYPE,
  type ClusterTopologyBinding,
  type PodCliqueSet,
  type PodGangPackConstraint,
  type PodGangTopologyConstraint,
  type TopologyConstraint,
} from '@grove/api';
import type { DesiredCondition } from '../conditions.js';
import { cliqueTemplates, scalingGroupConfigs } from '../template.js';

const REASON = CONDITION_REASON.topologyLevelsUnavailable;

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/** Every constraint of the PCS: the PCS's own, then each scaling group's, then each clique's. */
function topologyConstraints(pcs: PodCliqueSet): TopologyConstraint[] {
  return [
    pcs.spec.template.topologyConstraint,
    ...scalingGroupConfigs(pcs).map((g) => g.topologyConstraint),
    ...cliqueTemplates(pcs).map((c) => c.topologyConstraint),
  ].filter((c): c is TopologyConstraint => c !== undefined);
}

export function hasTopologyConstraints(pcs: PodCliqueSet): boolean {
  return topologyConstraints(pcs).length > 0;
}

/** §1.6: `pack.required`, else the deprecated `packDomain`. */
export function requiredDomain(constraint: TopologyConstraint): string | undefined {
  return nonEmpty(constraint.pack?.required) ?? nonEmpty(constraint.packDomain);
}

/** Every domain the PCS's constraints name, once each, in first-seen order (for stable messages). */
export function referencedDomains(pcs: PodCliqueSet): string[] {
  const domains = topologyConstraints(pcs).flatMap((c) => [requiredDomain(c), nonEmpty(c.pack?.preferred)]);
  return [...new Set(domains.filter((d): d is string => d !== undefined))];
}

/**
 * The first explicit `topologyName`: the PCS's, then the scaling groups', then the cliques'. The
 * webhook makes all effective names of one PCS identical, so the first one found names the binding.
 */
export function effectiveTopologyName(pcs: PodCliqueSet): string | undefined {
  return topologyConstraints(pcs)
    .map((c) => nonEmpty(c.topologyName))
    .find((name) => name !== undefined);
}

function levelKey(domain: string | undefined, topology: ClusterTopologyBinding): string | undefined {
  return domain === undefined ? undefined : topology.spec.levels.find((l) => l.domain === domain)?.key;
}

/**
 * §8: each domain becomes its level's node label key. A domain the binding no longer has drops
 * that side only; when both sides drop (or there is no constraint) the result is no constraint.
 */
export function translateConstraint(
  constraint: TopologyConstraint | undefined,
  topology: ClusterTopologyBinding,
): PodGangTopologyConstraint | undefined {
  if (constraint === undefined) return undefined;
  const required = levelKey(requiredDomain(constraint), topology);
  const preferred = levelKey(nonEmpty(constraint.pack?.preferred), topology);
  if (required === undefined && preferred === undefined) return undefined;
  const packConstraint: PodGangPackConstraint = {
    ...(required !== undefined && { required }),
    ...(preferred !== undefined && { preferred }),
  };
  return { packConstraint };
}

function condition(status: DesiredCondition['status'], reason: string, message: string): DesiredCondition {
  return { type: CONDITION_TYPE.topologyLevelsUnavailable, status, reason, message };
}

/**
 * The PCS `TopologyLevelsUnavailable` condition (§8, §1.7). `undefined` means the PCS should carry
 * no such condition at all (TAS off and nothing constrained): the caller removes it.
 */
export function topologyLevelsCondition(
  pcs: PodCliqueSet,
  topology: ClusterTopologyBinding | undefined,
  topologyAwareScheduling: boolean,
): DesiredCondition | undefined {
  const constrained = hasTopologyConstraints(pcs);
  if (!topologyAwareScheduling) {
    return constrained
      ? condition('Unknown', REASON.topologyAwareSchedulingDisabled, 'Topology constraints are defined but topology-aware scheduling is disabled')
      : undefined;
  }
  if (!constrained) return condition('False', REASON.allLevelsAvailable, 'No topology constraints defined');
  const name = effectiveTopologyName(pcs);
  if (name === undefined) {
    const message = 'No topology constraint names a ClusterTopologyBinding in topologyName';
    return condition('Unknown', REASON.topologyNameMissing, message);
  }
  if (topology?.metadata.name !== name) {
    return condition('Unknown', REASON.topologyNotFound, `ClusterTopologyBinding "${name}" not found`);
  }
  const known = new Set(topology.spec.levels.map((l) => l.domain));
  const missing = referencedDomains(pcs).filter((d) => !known.has(d));
  if (missing.length > 0) {
    const message = `ClusterTopologyBinding "${name}" has no level for topology domains: ${missing.join(', ')}`;
    return condition('True', REASON.levelsUnavailable, message);
  }
  return condition('False', REASON.allLevelsAvailable, `All topology domains are available in ClusterTopologyBinding "${name}"`);
}

/**
 * The binding PodGang translation uses (§8): only with TAS on and when the given binding is the
 * one the PCS names. `undefined` means gangs carry no constraints and no topology annotation.
 */
export function activeTopology(
  pcs: PodCliqueSet,
  topology: ClusterTopologyBinding | undefined,
  topologyAwareScheduling: boolean,
): ClusterTopologyBinding | undefined {
  if (!topologyAwareScheduling || topology === undefined) return undefined;
  const name = effectiveTopologyName(pcs);
  return name !== undefined && topology.metadata.name === name ? topology : undefined;
}
