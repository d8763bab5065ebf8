/**
 * The two schedulers under test as processes: a second kube-scheduler (the cluster's pinned binary,
 * one profile `bench-kube-scheduler`, client QPS/burst 5000 as in scheduler_perf, no leader
 * election) and the podgang-scheduler started from source the way tools/demo does
 * (`--scheduler-name=bench-podgang`; it has no client-side rate limiter at all).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '@grove/cluster';
import { DEPLOYABLES, launchCommand, startApp, stopApp, type Deployable, type RunningApp } from '@grove/demo';
import type { SchedulerId } from './scheduler-options.js';
import { cpuSeconds, freePort, peakRssMiB } from './proc.js';

export const SCHEDULER_NAMES: Readonly<Record<SchedulerId, string>> = {
  kube: 'bench-kube-scheduler',
  podgang: 'bench-podgang',
};

export const CLIENT_QPS = 5000;

/** KubeSchedulerConfiguration (v1) with one profile; JSON is valid YAML. Pure. */
export function kubeSchedulerConfig(kubeconfig: string): string {
  return JSON.stringify(
    {
      apiVersion: 'kubescheduler.config.k8s.io/v1',
      kind: 'KubeSchedulerConfiguration',
      clientConnection: { kubeconfig, qps: CLIENT_QPS, burst: CLIENT_QPS },
      leaderElection: { leaderElect: false },
      profiles: [{ schedulerName: SCHEDULER_NAMES.kube }],
    },
    null,
    2,
  );
}

/** Command line of the benchmark's kube-scheduler. Pure. */
export function kubeSchedulerArgs(configFile: string, kubeconfig: string, port: number): string[] {
  return [
    `--config=${configFile}`,
    `--authentication-kubeconfig=${kubeconfig}`,
    `--authorization-kubeconfig=${kubeconfig}`,
    '--bind-address=127.0.0.1',
    `--secure-port=${port}`,
  ];
}

export interface SchedulerEnv {
  readonly binDir: string;
  /**
   * Both schedulers use the admin kubeconfig: the same identity puts them in the same API Priority
   * and Fairness level (exempt), so neither is throttled differently by the API server.
   */
  readonly kubeconfig: string;
  readonly logDir: string;
}

export interface SchedulerProcess {
  readonly id: SchedulerId;
  readonly running: RunningApp;
  /** Rejects if the process ends before {@link stopScheduler}. */
  readonly crashed: Promise<never>;
}

/** Processes being stopped on purpose: their exit is not a crash. */
const stopping = new WeakSet<RunningApp>();

function watchCrash(running: RunningApp): Promise<never> {
  const crashed = new Promise<never>((_, reject) =>
    running.child.once('exit', (code, signal) => {
      if (!stopping.has(running)) reject(new Error(`${running.app.name} ended early (${code ?? signal}); log: ${running.logFile}`));
    }),
  );
  crashed.catch(() => undefined); // observed by the pass that races it
  return crashed;
}

export async function startScheduler(id: SchedulerId, env: SchedulerEnv): Promise<SchedulerProcess> {
  const port = await freePort();
  let running: RunningApp;
  if (id === 'kube') {
    const configFile = join(env.logDir, 'kube-scheduler-config.yaml');
    writeFileSync(configFile, kubeSchedulerConfig(env.kubeconfig));
    const app: Deployable = { name: 'bench-kube-scheduler', healthPort: port };
    running = startApp(app, { command: join(env.binDir, 'kube-scheduler'), args: kubeSchedulerArgs(configFile, env.kubeconfig, port) }, env.logDir, port);
  } else {
    const app = DEPLOYABLES.find((d) => d.name === 'podgang-scheduler');
    if (!app) throw new Error('tools/demo knows no deployable podgang-scheduler');
    const launch = launchCommand(REPO_ROOT, app, env.kubeconfig, port, [`--scheduler-name=${SCHEDULER_NAMES.podgang}`]);
    running = startApp(app, launch, env.logDir, port);
  }
  return { id, running, crashed: watchCrash(running) };
}

export interface ProcessCost {
  readonly cpuSeconds: number;
  readonly peakRssMiB: number;
}

/** Reads the process's CPU and peak RSS, then SIGTERM (SIGKILL after 15 s) and waits for the exit. */
export async function stopScheduler(proc: SchedulerProcess): Promise<ProcessCost> {
  const pid = proc.running.child.pid;
  const cost = { cpuSeconds: cpuSeconds(pid), peakRssMiB: peakRssMiB(pid) };
  stopping.add(proc.running);
  const killer = setTimeout(() => proc.running.child.kill('SIGKILL'), 15_000);
  await stopApp(proc.running);
  clearTimeout(killer);
  return cost;
}
