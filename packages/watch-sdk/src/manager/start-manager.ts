/**
 * Joins a {@link Manager} to the deployable skeleton: in `runDeployable`'s `onReady`, build the
 * manager from the API server connection, start it, stop it on shutdown, and resolve (turning
 * `/readyz` green) once the caches are synced.
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { KubeConfig } from '@kubernetes/client-node';
import type { Logger } from '@grove/telemetry';
import { kubeLeaseClient } from '../leader/kube-lease-client.js';
import { LeaderElector, type LeaderElectionConfig } from '../leader/leader-elector.js';
import { httpTransport, type HttpTransportOptions } from '../watch/http-transport.js';
import { Manager, type ManagerOptions } from './manager.js';

/** The part of the deployable's `ReadyContext` a manager needs. */
export interface ManagerHost {
  kubeConfig: KubeConfig;
  logger: Logger;
  signal: AbortSignal;
  onShutdown: (hook: () => Promise<void>) => void;
}

export interface LeaseOptions extends Partial<LeaderElectionConfig> {
  /** Where the `coordination.k8s.io/v1` Lease lives. */
  namespace: string;
  name: string;
}

export interface CreateManagerOptions extends Omit<ManagerOptions, 'transport' | 'logger' | 'leaderElection'> {
  http?: HttpTransportOptions;
  /** Turns leader election on: controllers run only in the replica that holds this Lease. */
  leaderElection?: LeaseOptions;
}

/** `<hostname>_<random>`, as client-go builds it: unique even for two processes on one host. */
export function defaultIdentity(): string {
  return `${hostname()}_${randomBytes(4).toString('hex')}`;
}

/** A manager talking to the API server of `host.kubeConfig`. */
export function createManager(host: Pick<ManagerHost, 'kubeConfig' | 'logger'>, options: CreateManagerOptions): Manager {
  const { http, leaderElection, ...rest } = options;
  const elector = leaderElection && new LeaderElector({
    ...leaderElection,
    identity: leaderElection.identity ?? defaultIdentity(),
    client: kubeLeaseClient(host.kubeConfig, leaderElection.namespace, leaderElection.name),
    onLeaseError: (err) => host.logger.error({ err, lease: `${leaderElection.namespace}/${leaderElection.name}` }, 'lease update failed'),
  });
  return new Manager({
    // Like controller-runtime: a replica that lost its lease exits, and restarts as a clean standby.
    onLostLeadership: () => process.exit(1),
    ...rest,
    transport: httpTransport(host.kubeConfig, http),
    logger: host.logger,
    ...(elector && { leaderElection: elector }),
  });
}

/** Starts `manager` and registers its graceful stop with the host's shutdown. */
export async function startManager(manager: Manager, host: Pick<ManagerHost, 'signal' | 'onShutdown'>): Promise<boolean> {
  host.onShutdown(async () => {
    await manager.stop();
  });
  return manager.start(host.signal);
}
