/**
 * The local cluster's lifecycle: build what is missing, start or reuse the control plane, make the
 * KWOK nodes, and write the kubeconfig. `up` is idempotent: a healthy cluster is reused, a partial or
 * crashed one is stopped (by recorded PID only) and started again with its etcd data kept.
 */
import { copyFileSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import type { ArgsInput } from './args.js';
import { builtPaths, ensureToolsets } from './build.js';
import { components } from './components.js';
import { componentStates, isHealthy, startControlPlane, stopControlPlane, type ComponentState } from './control-plane.js';
import { renderKubeconfig } from './kubeconfig.js';
import { componentKubeconfig, portsFrom, SERVICE_IP, stateLayout, type Ports } from './layout.js';
import { withLock } from './lock.js';
import { syncNodes, waitNodesReady } from './node-sync.js';
import { type NodePoolSpec, validatePool } from './nodes.js';
import { ensurePki, type PkiPaths, pkiPaths as pkiPathsOf } from './pki.js';
import { type Progress, timed } from './progress.js';
import { loadVersions } from './versions.js';

export interface ClusterOptions {
  readonly versionsFile: string;
  readonly cacheDir: string;
  readonly stateDir: string;
  readonly portBase: number;
  readonly pool: NodePoolSpec;
  readonly withScheduler: boolean;
  readonly progress: Progress;
}

export interface ClusterInfo {
  readonly kubeconfig: string;
  readonly server: string;
  readonly stateDir: string;
  readonly ports: Ports;
  readonly reused: boolean;
  /** Folder with links to kubectl, helm and the other pinned binaries. */
  readonly binDir: string;
}

const CLUSTER_BINARIES = ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kwok', 'kubectl'];

const CLIENT_IDENTITIES = [
  ['admin', 'admin', 'grove-admin'],
  ['kube-controller-manager', 'controllerManager', 'system:kube-controller-manager'],
  ['kube-scheduler', 'scheduler', 'system:kube-scheduler'],
  ['kwok', 'kwok', 'kwok-controller'],
] as const;

function writeKubeconfigs(input: ArgsInput, server: string): void {
  const { layout, pki } = input;
  mkdirSync(layout.kubeconfigs, { recursive: true });
  const caPem = readFileSync(pki.ca.cert, 'utf8');
  for (const [component, key, user] of CLIENT_IDENTITIES) {
    const pair = pki[key as keyof PkiPaths] as { cert: string; key: string };
    const text = renderKubeconfig({
      server,
      caPem,
      user,
      clientCertPem: readFileSync(pair.cert, 'utf8'),
      clientKeyPem: readFileSync(pair.key, 'utf8'),
    });
    writeFileSync(componentKubeconfig(layout, component), text, { mode: 0o600 });
  }
  copyFileSync(componentKubeconfig(layout, 'admin'), layout.adminKubeconfig);
}

/** Re-points the state folder's bin/ links at the binaries of the current pins. */
function linkBinaries(binDir: string, binaries: Readonly<Record<string, string>>): void {
  rmSync(binDir, { recursive: true, force: true });
  mkdirSync(binDir, { recursive: true });
  for (const [name, path] of Object.entries(binaries)) {
    if (!name.includes('.')) symlinkSync(path, join(binDir, name));
  }
}

async function prepare(opts: ClusterOptions): Promise<{ input: ArgsInput; binaries: Record<string, string> }> {
  validatePool(opts.pool);
  const toolsets = loadVersions(opts.versionsFile);
  // Only what the cluster runs (and kubectl); `grove-cluster build` builds the rest (helm).
  const built = await ensureToolsets(toolsets, opts.cacheDir, opts.progress, CLUSTER_BINARIES);
  const binaries = builtPaths(built);
  const layout = stateLayout(opts.stateDir);
  for (const dir of [layout.logs, layout.pids, layout.etcdData]) mkdirSync(dir, { recursive: true, mode: 0o700 });
  const pki = await ensurePki(layout.pki, SERVICE_IP);
  const input: ArgsInput = { ports: portsFrom(opts.portBase), layout, pki };
  writeKubeconfigs(input, `https://127.0.0.1:${input.ports.apiserver}`);
  copyFileSync(binaries['kwok-stages.yaml'] as string, layout.stagesFile);
  linkBinaries(layout.binDir, binaries);
  return { input, binaries };
}

export function argsInputFor(opts: Pick<ClusterOptions, 'stateDir' | 'portBase'>): ArgsInput {
  const layout = stateLayout(opts.stateDir);
  return { ports: portsFrom(opts.portBase), layout, pki: pkiPathsOf(layout.pki) };
}

export function up(opts: ClusterOptions): Promise<ClusterInfo> {
  return withLock(opts.stateDir, async () => {
    const { input, binaries } = await prepare(opts);
    const specs = components(input, { withScheduler: opts.withScheduler });
    const reused = await isHealthy(specs, input);
    if (reused) {
      opts.progress('control plane already running and healthy; reusing it');
    } else {
      const changed = componentStates(specs, input).filter((s) => s.running && !s.current);
      if (changed.length > 0) {
        opts.progress(`command line of ${changed.map((s) => s.name).join(', ')} changed; restarting the control plane`);
      }
      await stopControlPlane(specs, input, opts.progress);
      await timed(opts.progress, 'control plane start', () =>
        startControlPlane(specs, input, binaries, opts.progress),
      );
    }
    const kc = new KubeConfig();
    kc.loadFromFile(input.layout.adminKubeconfig);
    await syncNodes(kc, opts.pool, opts.progress);
    await waitNodesReady(kc, opts.pool.count, 60_000 + opts.pool.count * 100, opts.progress);
    const info: ClusterInfo = {
      kubeconfig: input.layout.adminKubeconfig,
      server: `https://127.0.0.1:${input.ports.apiserver}`,
      stateDir: opts.stateDir,
      ports: input.ports,
      reused,
      binDir: input.layout.binDir,
    };
    writeFileSync(input.layout.clusterInfo, JSON.stringify(info, null, 2) + '\n');
    return info;
  });
}

export function down(opts: ClusterOptions, purge: boolean): Promise<void> {
  return withLock(opts.stateDir, async () => {
    const input = argsInputFor(opts);
    await stopControlPlane(components(input, { withScheduler: true }), input, opts.progress);
    if (purge) {
      rmSync(opts.stateDir, { recursive: true, force: true });
      opts.progress(`removed ${opts.stateDir}`);
    }
  });
}

export function status(opts: Pick<ClusterOptions, 'stateDir' | 'portBase'>): ComponentState[] {
  const input = argsInputFor(opts);
  return componentStates(components(input, { withScheduler: true }), input);
}
