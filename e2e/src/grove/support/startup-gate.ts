/**
 * The startup-gate-sidecar as a process, standing in for the `grove-initc` init container KWOK does
 * not run: the pod's own init-container arguments, a pod-info folder with what the downward API
 * would write for that pod (namespace, `grove.io/podgang`, `grove.io/traceparent`), and the
 * PodCliqueSet's init-container token Secret as its credentials, as in a real pod.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { initContainerTokenSecretName, LABEL } from '@grove/api';
import { REPO_ROOT } from '@grove/cluster';
import { INIT_CONTAINER } from '@grove/planning';
import { TRACEPARENT_ANNOTATION } from '@grove/telemetry';
import { eventually, tokenKubeConfig } from '@grove/testing';
import { CoreV1Api, type KubeConfig, type V1Pod } from '@kubernetes/client-node';

export function initContainerArgs(pod: V1Pod): readonly string[] | undefined {
  return pod.spec?.initContainers?.find((c) => c.name === INIT_CONTAINER.containerName)?.args;
}

/** A kubeconfig file authenticating with the token Kubernetes put into `<pcs>-ic-sat`. */
export async function initContainerKubeconfig(admin: KubeConfig, namespace: string, pcs: string, dir: string): Promise<string> {
  const core = admin.makeApiClient(CoreV1Api);
  const name = initContainerTokenSecretName(pcs);
  const token = await eventually(
    async () => {
      const data = (await core.readNamespacedSecret({ namespace, name })).data?.['token'];
      if (!data) throw new Error(`Secret ${namespace}/${name} has no token yet`);
      return Buffer.from(data, 'base64').toString('utf8');
    },
    { timeoutMs: 60_000, intervalMs: 500 },
  );
  const file = join(dir, `${pcs}-ic-sat.kubeconfig`);
  writeFileSync(file, tokenKubeConfig(admin, token, `system:serviceaccount:${namespace}:${pcs}`).exportConfig(), { mode: 0o600 });
  return file;
}

export interface GateLine {
  readonly msg: string;
  readonly [field: string]: unknown;
}

export class StartupGateProcess {
  readonly lines: GateLine[] = [];
  readonly exited: Promise<number | null>;
  private readonly child: ChildProcess;

  constructor(pod: V1Pod, kubeconfig: string) {
    const dir = mkdtempSync(join(tmpdir(), 'grove-e2e-pod-info-'));
    writeFileSync(join(dir, INIT_CONTAINER.namespaceFile), pod.metadata?.namespace ?? '');
    writeFileSync(join(dir, INIT_CONTAINER.podGangFile), pod.metadata?.labels?.[LABEL.podGang] ?? '');
    writeFileSync(join(dir, INIT_CONTAINER.traceparentFile), pod.metadata?.annotations?.[TRACEPARENT_ANNOTATION] ?? '');
    const main = join(REPO_ROOT, 'apps', 'startup-gate-sidecar', 'src', 'main.ts');
    const args = [...(initContainerArgs(pod) ?? []), `--pod-info-dir=${dir}`, '--log-level=debug'];
    this.child = spawn(process.execPath, ['--conditions=@grove/source', '--import', 'tsx', main, ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { PATH: process.env['PATH'] ?? '', HOME: tmpdir(), KUBECONFIG: kubeconfig },
    });
    createInterface({ input: this.child.stdout as NodeJS.ReadableStream }).on('line', (text) => this.lines.push(JSON.parse(text) as GateLine));
    this.exited = once(this.child, 'exit').then(([code]) => code as number | null);
  }

  running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  async waitForLine(msg: string, timeoutMs = 60_000): Promise<GateLine> {
    return eventually(
      () => {
        const line = this.lines.find((l) => l.msg === msg);
        if (line) return line;
        if (!this.running()) throw new Error(`startup gate exited before "${msg}": ${JSON.stringify(this.lines)}`);
        throw new Error(`no "${msg}" yet`);
      },
      { timeoutMs, intervalMs: 200 },
    );
  }

  kill(): void {
    if (this.running()) this.child.kill('SIGKILL');
  }
}
