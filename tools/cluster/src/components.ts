/**
 * The control-plane components in start order, each with its binary, arguments, port and health probe.
 * Components in the same `wave` start together once every earlier wave is healthy.
 */
import { readFileSync } from 'node:fs';
import {
  apiserverArgs,
  type ArgsInput,
  controllerManagerArgs,
  etcdArgs,
  kwokArgs,
  schedulerArgs,
} from './args.js';
import type { ProbeResult, ProbeTls } from './health.js';
import { httpProbe } from './health.js';

export interface ComponentSpec {
  readonly name: string;
  readonly binary: string;
  readonly wave: number;
  readonly port: number;
  readonly args: (input: ArgsInput) => string[];
  readonly probe: (input: ArgsInput) => Promise<ProbeResult>;
  /** Seconds to wait for health; the API server bootstraps RBAC and CRD machinery first. */
  readonly startupTimeoutSeconds: number;
}

export function adminTls(input: ArgsInput): ProbeTls {
  const { pki } = input;
  return {
    ca: readFileSync(pki.ca.cert, 'utf8'),
    cert: readFileSync(pki.admin.cert, 'utf8'),
    key: readFileSync(pki.admin.key, 'utf8'),
  };
}

export interface ComponentOptions {
  /** kube-scheduler is optional: a peer for benchmarks and for pods that ask for the default scheduler. */
  readonly withScheduler: boolean;
}

export function components(input: ArgsInput, options: ComponentOptions): ComponentSpec[] {
  const { ports } = input;
  const selfSigned = { insecure: true };
  const all: ComponentSpec[] = [
    {
      name: 'etcd',
      binary: 'etcd',
      wave: 0,
      port: ports.etcdClient,
      args: etcdArgs,
      probe: () => httpProbe(`http://127.0.0.1:${ports.etcdClient}/health`),
      startupTimeoutSeconds: 30,
    },
    {
      name: 'kube-apiserver',
      binary: 'kube-apiserver',
      wave: 1,
      port: ports.apiserver,
      args: apiserverArgs,
      probe: (i) => httpProbe(`https://127.0.0.1:${ports.apiserver}/readyz`, adminTls(i)),
      startupTimeoutSeconds: 90,
    },
    {
      name: 'kube-controller-manager',
      binary: 'kube-controller-manager',
      wave: 2,
      port: ports.controllerManager,
      args: controllerManagerArgs,
      probe: () => httpProbe(`https://127.0.0.1:${ports.controllerManager}/healthz`, selfSigned),
      startupTimeoutSeconds: 60,
    },
    {
      name: 'kube-scheduler',
      binary: 'kube-scheduler',
      wave: 2,
      port: ports.scheduler,
      args: schedulerArgs,
      probe: () => httpProbe(`https://127.0.0.1:${ports.scheduler}/healthz`, selfSigned),
      startupTimeoutSeconds: 60,
    },
    {
      name: 'kwok',
      binary: 'kwok',
      wave: 2,
      port: ports.kwok,
      args: kwokArgs,
      probe: () => httpProbe(`http://127.0.0.1:${ports.kwok}/healthz`),
      startupTimeoutSeconds: 60,
    },
  ];
  return all.filter((c) => options.withScheduler || c.name !== 'kube-scheduler');
}

/** Components grouped by wave, in start order. */
export function waves(specs: readonly ComponentSpec[]): ComponentSpec[][] {
  const byWave = new Map<number, ComponentSpec[]>();
  for (const spec of specs) byWave.set(spec.wave, [...(byWave.get(spec.wave) ?? []), spec]);
  return [...byWave.entries()].sort(([a], [b]) => a - b).map(([, specs]) => specs);
}
