/**
 * Read-only views of a PodCliqueSet template that every decision needs: which cliques stand alone,
 * which group a clique belongs to, the effective (defaulted) numbers. Defaults repeat the webhook's
 * and the CRD's so a decision never depends on whether defaulting ran.
 */
import { parseGoDuration, type PodCliqueScalingGroupConfig, type PodCliqueSet, type PodCliqueTemplateSpec } from '@grove/api';

export const DEFAULT_TERMINATION_DELAY_MS = 4 * 3_600_000;

export function cliqueTemplates(pcs: PodCliqueSet): readonly PodCliqueTemplateSpec[] {
  return pcs.spec.template.cliques;
}

export function scalingGroupConfigs(pcs: PodCliqueSet): readonly PodCliqueScalingGroupConfig[] {
  return pcs.spec.template.podCliqueScalingGroups ?? [];
}

export function cliqueTemplate(pcs: PodCliqueSet, clique: string): PodCliqueTemplateSpec | undefined {
  return cliqueTemplates(pcs).find((c) => c.name === clique);
}

/** The scaling-group config a clique belongs to, or undefined for a standalone clique. */
export function scalingGroupOf(pcs: PodCliqueSet, clique: string): PodCliqueScalingGroupConfig | undefined {
  return scalingGroupConfigs(pcs).find((g) => g.cliqueNames.includes(clique));
}

/** Cliques in no scaling group, in template order. */
export function standaloneCliques(pcs: PodCliqueSet): readonly PodCliqueTemplateSpec[] {
  return cliqueTemplates(pcs).filter((c) => scalingGroupOf(pcs, c.name) === undefined);
}

/** A clique's template `replicas` (webhook default 1). */
export function cliqueReplicas(clique: PodCliqueTemplateSpec): number {
  return clique.spec.replicas !== undefined && clique.spec.replicas > 0 ? clique.spec.replicas : 1;
}

/** A clique's template `minAvailable` (webhook default: its replicas). */
export function cliqueMinAvailable(clique: PodCliqueTemplateSpec): number {
  return clique.spec.minAvailable ?? cliqueReplicas(clique);
}

/** A scaling group's template `replicas` (CRD default 1). */
export function groupReplicas(group: PodCliqueScalingGroupConfig): number {
  return group.replicas ?? 1;
}

/** A scaling group's `minAvailable` (CRD default 1). Always the template's: it is immutable. */
export function groupMinAvailable(group: PodCliqueScalingGroupConfig): number {
  return group.minAvailable ?? 1;
}

export function pcsReplicas(pcs: PodCliqueSet): number {
  return pcs.spec.replicas ?? 0;
}

/** `terminationDelay` in milliseconds (webhook default 4h; an unparsable value also gives 4h). */
export function terminationDelayMs(pcs: PodCliqueSet): number {
  const text = pcs.spec.template.terminationDelay;
  const ms = text === undefined ? undefined : parseGoDuration(text);
  return ms !== undefined && ms > 0 ? ms : DEFAULT_TERMINATION_DELAY_MS;
}

/** RollingRecreate unless the PCS says OnDelete. */
export function isOnDelete(pcs: PodCliqueSet): boolean {
  return pcs.spec.updateStrategy?.type === 'OnDelete';
}
