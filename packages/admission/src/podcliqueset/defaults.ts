/**
 * The defaulting of grove-spec §9.1 that depends on other fields, so the CRD schema cannot say it.
 *
 * Grove's known bug is closed here: Grove defaults `minAvailable` and `autoScalingConfig.minReplicas`
 * from the clique's replicas *as submitted*, so `replicas: 0` without `minAvailable` became
 * `replicas: 1, minAvailable: 0` and was then rejected. We default from the replicas *after*
 * defaulting (docs/api/admission.md), so that clique is admitted as `replicas: 1, minAvailable: 1`.
 */
import type { PodCliqueScalingGroupConfig, PodCliqueSet, PodCliqueTemplateSpec } from '@grove/api';
import { isAbsent } from '../shape.js';

export const DEFAULT_TERMINATION_DELAY = '4h';
export const DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS = 30;
export const DEFAULT_RESTART_POLICY = 'Always';
/** The CRD's default for a scaling group's `replicas`; used when the schema default is absent. */
const DEFAULT_GROUP_REPLICAS = 1;

export interface DefaultingOptions {
  /** The request's namespace, for an object submitted without one. */
  readonly namespace?: string;
}

function defaultClique(clique: PodCliqueTemplateSpec): PodCliqueTemplateSpec {
  const spec = { ...clique.spec, podSpec: { ...clique.spec.podSpec } };
  const podSpec = spec.podSpec;
  if (!podSpec.restartPolicy) podSpec.restartPolicy = DEFAULT_RESTART_POLICY;
  if (isAbsent(podSpec.terminationGracePeriodSeconds)) {
    podSpec.terminationGracePeriodSeconds = DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS;
  }
  // An absent or zero replica count becomes 1; everything derived below uses this value.
  if (!spec.replicas) spec.replicas = 1;
  if (isAbsent(spec.minAvailable)) spec.minAvailable = spec.replicas;
  if (spec.autoScalingConfig && isAbsent(spec.autoScalingConfig.minReplicas)) {
    spec.autoScalingConfig = { ...spec.autoScalingConfig, minReplicas: spec.replicas };
  }
  return { ...clique, spec };
}

function defaultScalingGroup(group: PodCliqueScalingGroupConfig): PodCliqueScalingGroupConfig {
  const scaleConfig = group.scaleConfig;
  if (!scaleConfig || !isAbsent(scaleConfig.minReplicas)) return group;
  return { ...group, scaleConfig: { ...scaleConfig, minReplicas: group.replicas ?? DEFAULT_GROUP_REPLICAS } };
}

/**
 * Returns a defaulted copy; the input is not changed. Expects an object that passed
 * {@link podCliqueSetShapeErrors} (types right, values not yet validated).
 */
export function defaultPodCliqueSet(pcs: PodCliqueSet, options: DefaultingOptions = {}): PodCliqueSet {
  const template = { ...pcs.spec.template };
  template.cliques = template.cliques.map(defaultClique);
  if (template.podCliqueScalingGroups) template.podCliqueScalingGroups = template.podCliqueScalingGroups.map(defaultScalingGroup);
  if (!template.terminationDelay) template.terminationDelay = DEFAULT_TERMINATION_DELAY;
  if (!template.headlessServiceConfig) template.headlessServiceConfig = { publishNotReadyAddresses: true };
  const metadata = pcs.metadata.namespace ? pcs.metadata : { ...pcs.metadata, namespace: options.namespace || 'default' };
  return { ...pcs, metadata, spec: { ...pcs.spec, template } };
}
