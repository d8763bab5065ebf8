/**
 * Builds and starts the manager with the PodCliqueSet and PodClique controllers. Resolves once
 * the caches are synced (then `/readyz` turns green).
 */
import type { Registry } from 'prom-client';
import { reconcilerRuntime, watchWorld } from '@grove/controller-kit';
import { ExpectationsStore } from '@grove/watch-sdk/controller';
import { startManager, type ManagerHost } from '@grove/watch-sdk/manager';
import type { ReconcilerDeps } from './deps.js';
import type { ReconcilerConfig } from './options.js';
import { addPodCliqueController } from './podclique/controller.js';
import { addPodCliqueSetController } from './podcliqueset/controller.js';

/** The field manager, Lease name and Event source of this deployable. */
export const RUNTIME_NAME = 'grove-podcliqueset-controller';

export async function startReconcilers(host: ManagerHost, config: ReconcilerConfig, registry: Registry): Promise<void> {
  const { manager, writer, children, events } = reconcilerRuntime(host, { name: RUNTIME_NAME, basics: config, registry });
  const deps: ReconcilerDeps = {
    world: watchWorld(manager.informers, config.namespace),
    writer,
    children,
    events,
    config,
    podExpectations: new ExpectationsStore(),
    now: () => new Date(),
  };
  addPodCliqueSetController(manager, deps);
  addPodCliqueController(manager, deps);
  await startManager(manager, host);
}
