/**
 * The sidecar as a process, from its sources (tsx with the `@grove/source` condition), the way the
 * kubelet runs an init container: flags, a pod-info folder, credentials from `KUBECONFIG`. Its JSON
 * log lines are collected so a test can wait for one.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { INIT_CONTAINER } from '@grove/planning';

const MAIN = fileURLToPath(new URL('../../../src/main.ts', import.meta.url));

export type LogLine = Record<string, unknown> & { msg: string };

export interface GateProcess {
  readonly child: ChildProcess;
  readonly logs: LogLine[];
  /** Resolves with the first log line (past or future) that `match` accepts; rejects if the process exits first. */
  waitForLog(match: (line: LogLine) => boolean): Promise<LogLine>;
  readonly exited: Promise<number | null>;
  /** Whether the process is still running. */
  running(): boolean;
}

export interface GateRun {
  readonly kubeconfig: string;
  readonly namespace: string;
  readonly podGang: string;
  readonly dependencies: readonly string[];
  readonly extraArgs?: readonly string[];
}

function podInfoDir(namespace: string, podGang: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'gate-pod-info-'));
  writeFileSync(join(dir, INIT_CONTAINER.namespaceFile), namespace);
  writeFileSync(join(dir, INIT_CONTAINER.podGangFile), podGang);
  return dir;
}

export function startGate(run: GateRun): GateProcess {
  const args = [...run.dependencies.map((d) => `--podcliques=${d}`), `--pod-info-dir=${podInfoDir(run.namespace, run.podGang)}`, '--log-level=debug', ...(run.extraArgs ?? [])];
  const child = spawn(process.execPath, ['--conditions=@grove/source', '--import', 'tsx', MAIN, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { PATH: process.env['PATH'] ?? '', HOME: tmpdir(), KUBECONFIG: run.kubeconfig },
  });
  const logs: LogLine[] = [];
  const waiters = new Set<{ match: (l: LogLine) => boolean; resolve: (l: LogLine) => void }>();
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (text) => {
    const line = JSON.parse(text) as LogLine;
    logs.push(line);
    for (const w of waiters) {
      if (!w.match(line)) continue;
      waiters.delete(w);
      w.resolve(line);
    }
  });
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  return {
    child,
    logs,
    exited,
    running: () => child.exitCode === null && child.signalCode === null,
    waitForLog(match) {
      const seen = logs.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise<LogLine>((resolve, reject) => {
        waiters.add({ match, resolve });
        void exited.then((code) => reject(new Error(`gate exited (${code}) before the log line; logs:\n${logs.map((l) => JSON.stringify(l)).join('\n')}`)));
      });
    },
  };
}

export const isMsg = (msg: string) => (line: LogLine) => line.msg === msg;

/** The progress line in which `fqn` has `ready` Ready pods. */
export const progressWith = (fqn: string, ready: number) => (line: LogLine) =>
  line.msg === 'startup gate progress' &&
  (line['dependencies'] as { fqn: string; ready: number }[]).some((d) => d.fqn === fqn && d.ready === ready);
