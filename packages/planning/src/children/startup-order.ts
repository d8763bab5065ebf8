/**
 * Startup ordering (grove-spec §5): which PodCliques a generated PodClique waits for, written to
 * its `spec.startsAfter` as FQNs and, with their template `minAvailable`, into the `grove-initc`
 * init container's `--podcliques=<fqn>:<count>` flags.
 *
 * The declared dependencies are clique names: the previous clique in `template.cliques` (InOrder),
 * the clique's own `startsAfter` (Explicit), or none (AnyOrder, the default). Resolving a name to
 * PodCliques depends on the gang the dependent clique lives in, because the init container only
 * watches pods of its own PodGang (Appendix A.8):
 *  - standalone cliques and scaling-group members in the base gang (replica < group minAvailable)
 *    wait for the standalone PodClique `<pcs>-<i>-<d>`, or for a grouped clique `d`, for its
 *    PodCliques in group replicas 0..minAvailable-1 — exactly the ones in the base gang;
 *  - members of a scaled gang keep only dependencies inside their own group, resolved to their own
 *    group replica; everything else lives in another gang and is dropped.
 */
import {
  podCliqueName,
  podCliqueScalingGroupName,
  scalingGroupPodCliqueName,
  type PcsReplica,
  type PodCliqueScalingGroupConfig,
  type PodCliqueSet,
} from '@grove/api';
import { cliqueMinAvailable, cliqueTemplates, groupMinAvailable, scalingGroupOf } from '../template.js';
import { pcsNameOf, requireClique, requireScalingGroup } from './template-lookup.js';

/** Where a PodClique of `clique` sits: on its own, or in replica `groupReplica` of a scaling group. */
export type CliquePlacement =
  | { readonly kind: 'standalone' }
  | { readonly kind: 'member'; readonly group: string; readonly groupReplica: number };

/** One PodClique to wait for, and how many of its pods must be Ready (its template minAvailable). */
export interface StartupDependency {
  readonly podClique: string;
  readonly minAvailable: number;
}

/** The resolved dependencies of the PodClique of `clique` at `placement` in PCS replica `pcsReplica`. */
export function startupDependencies(
  pcs: PodCliqueSet,
  pcsReplica: number,
  clique: string,
  placement: CliquePlacement,
): StartupDependency[] {
  const replica: PcsReplica = { pcs: pcsNameOf(pcs), replicaIndex: pcsReplica };
  const declared = declaredDependencies(pcs, clique);
  const group = placedGroup(pcs, clique, placement);
  if (placement.kind === 'member' && group !== undefined && placement.groupReplica >= groupMinAvailable(group)) {
    const pcsg = podCliqueScalingGroupName(replica, group.name);
    return declared
      .filter((dependency) => group.cliqueNames.includes(dependency))
      .map((dependency) => ({
        podClique: scalingGroupPodCliqueName({ pcsg, replicaIndex: placement.groupReplica }, dependency),
        minAvailable: cliqueMinAvailable(requireClique(pcs, dependency)),
      }));
  }
  return declared.flatMap((dependency) => baseGangPodCliques(pcs, replica, dependency));
}

/** The clique names `clique` waits for according to `cliqueStartupType`. */
export function declaredDependencies(pcs: PodCliqueSet, clique: string): readonly string[] {
  const template = requireClique(pcs, clique);
  switch (pcs.spec.template.cliqueStartupType) {
    case 'CliqueStartupTypeInOrder': {
      const cliques = cliqueTemplates(pcs);
      const previous = cliques[cliques.indexOf(template) - 1];
      return previous === undefined ? [] : [previous.name];
    }
    case 'CliqueStartupTypeExplicit':
      return template.spec.startsAfter ?? [];
    default:
      return [];
  }
}

/** The PodCliques of `dependency` that are in the base PodGang of the PCS replica. */
function baseGangPodCliques(pcs: PodCliqueSet, replica: PcsReplica, dependency: string): StartupDependency[] {
  const minAvailable = cliqueMinAvailable(requireClique(pcs, dependency));
  const group = scalingGroupOf(pcs, dependency);
  if (group === undefined) return [{ podClique: podCliqueName(replica, dependency), minAvailable }];
  const pcsg = podCliqueScalingGroupName(replica, group.name);
  return Array.from({ length: groupMinAvailable(group) }, (_, replicaIndex) => ({
    podClique: scalingGroupPodCliqueName({ pcsg, replicaIndex }, dependency),
    minAvailable,
  }));
}

/** The group a member placement names, after checking it agrees with the template. */
function placedGroup(pcs: PodCliqueSet, clique: string, placement: CliquePlacement): PodCliqueScalingGroupConfig | undefined {
  const actual = scalingGroupOf(pcs, clique);
  if (placement.kind === 'standalone') {
    if (actual !== undefined) throw new RangeError(`clique "${clique}" belongs to scaling group "${actual.name}", it is not standalone`);
    return undefined;
  }
  const group = requireScalingGroup(pcs, placement.group);
  if (actual !== group) throw new RangeError(`clique "${clique}" is not a member of scaling group "${placement.group}"`);
  return group;
}
