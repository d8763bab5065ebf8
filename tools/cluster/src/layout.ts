/**
 * Where the local cluster keeps its state, and which loopback ports it uses.
 * Everything lives under one state folder (git-ignored), so `down --purge` removes it all.
 */
import { join } from 'node:path';

export interface Ports {
  readonly etcdClient: number;
  readonly etcdPeer: number;
  readonly apiserver: number;
  readonly controllerManager: number;
  readonly scheduler: number;
  readonly kwok: number;
}

/** Ports are offsets from one base, so a second cluster needs a single flag to move. */
export function portsFrom(base: number): Ports {
  if (!Number.isInteger(base) || base < 1024 || base > 65_000) {
    throw new RangeError(`port base must be an integer between 1024 and 65000, got ${base}`);
  }
  return {
    etcdClient: base,
    etcdPeer: base + 1,
    apiserver: base + 3,
    controllerManager: base + 4,
    scheduler: base + 5,
    kwok: base + 6,
  };
}

export const DEFAULT_PORT_BASE = 16440;
/** The `kubernetes` Service gets the first address of this range; the serving cert names it. */
export const SERVICE_CIDR = '10.96.0.0/16';
export const SERVICE_IP = '10.96.0.1';
export const POD_CIDR = '10.244.0.1/16';

export function stateLayout(stateDir: string) {
  return {
    stateDir,
    etcdData: join(stateDir, 'etcd'),
    pki: join(stateDir, 'pki'),
    logs: join(stateDir, 'logs'),
    pids: join(stateDir, 'pids'),
    kubeconfigs: join(stateDir, 'kubeconfigs'),
    /** The admin kubeconfig users and tests point KUBECONFIG at. */
    adminKubeconfig: join(stateDir, 'kubeconfig'),
    stagesFile: join(stateDir, 'kwok-stages.yaml'),
    clusterInfo: join(stateDir, 'cluster.json'),
    /** Links to the built binaries (kubectl, helm, ...) of the pinned versions, for PATH. */
    binDir: join(stateDir, 'bin'),
  };
}

export type StateLayout = ReturnType<typeof stateLayout>;

export function logFile(layout: StateLayout, component: string): string {
  return join(layout.logs, `${component}.log`);
}

export function pidFile(layout: StateLayout, component: string): string {
  return join(layout.pids, `${component}.pid`);
}

export function componentKubeconfig(layout: StateLayout, component: string): string {
  return join(layout.kubeconfigs, `${component}.kubeconfig`);
}
