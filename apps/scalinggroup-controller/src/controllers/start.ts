/** Builds and starts the manager with the PodCliqueScalingGroup controller. */
import type { Registry } from 'prom-client';
import { reconcilerRuntime, watchWorld, type ReconcilerBasics } from '@grove/controller-kit';
import { startManager, type ManagerHost } from '@grove/watch-sdk/manager';
import { addScalingGroupController } from './controller.js';

/** The field manager, Lease name and Event source of this deployable. */
export const RUNTIME_NAME = 'grove-scalinggroup-controller';

export async function startReconcilers(host: ManagerHost, basics: ReconcilerBasics, registry: Registry): Promise<void> {
  const { manager, writer, children, events } = reconcilerRuntime(host, { name: RUNTIME_NAME, basics, registry });
  addScalingGroupController(manager, { world: watchWorld(manager.informers, basics.namespace), writer, children, events, now: () => new Date() }, basics.workers);
  await startManager(manager, host);
}
