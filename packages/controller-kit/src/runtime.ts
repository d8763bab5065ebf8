/**
 * The manager and writers of one reconciler deployable: one field manager, one Lease, one event
 * source, named after the deployable.
 */
import type { Registry } from 'prom-client';
import { createManager, type Manager, type ManagerHost } from '@grove/watch-sdk/manager';
import { ChildWriter, EventRecorder, kubeEventSink, ObjectWriter } from '@grove/watch-sdk/writes';
import type { ReconcilerBasics } from './flags.js';

export interface ReconcilerRuntime {
  readonly manager: Manager;
  readonly writer: ObjectWriter;
  readonly children: ChildWriter;
  readonly events: EventRecorder;
}

export interface RuntimeOptions {
  /** `grove-<deployable>`: the field manager, the Lease name and the Events' source. */
  readonly name: string;
  readonly basics: ReconcilerBasics;
  readonly registry: Registry;
}

export function reconcilerRuntime(host: Pick<ManagerHost, 'kubeConfig' | 'logger'>, options: RuntimeOptions): ReconcilerRuntime {
  const { name, basics, registry } = options;
  const lease = basics.leaderElectionNamespace;
  const manager = createManager(host, { registry, ...(lease !== undefined && { leaderElection: { namespace: lease, name } }) });
  const writer = new ObjectWriter(host.kubeConfig, { fieldManager: name });
  const events = new EventRecorder({
    sink: kubeEventSink(host.kubeConfig),
    component: name,
    onError: (err) => host.logger.debug({ err }, 'event not recorded'),
  });
  return { manager, writer, children: new ChildWriter(writer), events };
}
