/**
 * The reconcilers' flags: which scheduler pods get when their clique names none, the startup-gate
 * image, topology-aware scheduling, and (from @grove/controller-kit) workers and leader election.
 */
import { parseReconcilerBasics, RECONCILER_FLAGS, type ReconcilerBasics } from '@grove/controller-kit';
import { ConfigError, isDnsSubdomain, type FlagValues } from '@grove/watch-sdk';

export const CONTROLLER_FLAGS = {
  ...RECONCILER_FLAGS,
  'default-scheduler': { type: 'string' },
  'init-container-image': { type: 'string' },
} as const;

/** Pods go to kube-scheduler until a clique names another scheduler (Grove's `defaultProfileName`). */
export const DEFAULT_SCHEDULER = 'default-scheduler';
export const DEFAULT_INIT_CONTAINER_IMAGE = 'grove-startup-gate-sidecar:dev';

export interface ReconcilerConfig extends ReconcilerBasics {
  readonly defaultScheduler: string;
  /** Full image reference of the startup-gate-sidecar init container. */
  readonly initContainerImage: string;
  readonly topologyAwareScheduling: boolean;
}

export function parseReconcilerFlags(
  flags: FlagValues<typeof CONTROLLER_FLAGS> & { 'topology-aware-scheduling'?: boolean | undefined },
): ReconcilerConfig {
  const scheduler = flags['default-scheduler'] ?? DEFAULT_SCHEDULER;
  if (!isDnsSubdomain(scheduler)) throw new ConfigError('--default-scheduler', `expected a scheduler name, got '${scheduler}'`);
  const image = flags['init-container-image'] ?? DEFAULT_INIT_CONTAINER_IMAGE;
  if (image.trim() === '' || /\s/.test(image)) throw new ConfigError('--init-container-image', `expected an image reference, got '${image}'`);
  return {
    ...parseReconcilerBasics(flags),
    defaultScheduler: scheduler,
    initContainerImage: image,
    topologyAwareScheduling: flags['topology-aware-scheduling'] ?? false,
  };
}
