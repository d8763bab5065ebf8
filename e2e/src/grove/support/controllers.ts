/**
 * The two Grove controllers as real processes (started from source as tools/demo starts them),
 * each with its own token kubeconfig, watching one namespace, logging to a file.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { REPO_ROOT } from '@grove/cluster';
import { DEPLOYABLES, launchCommand, startApp, stopApp, waitReady, type RunningApp } from '@grove/demo';
import type { ControllerIdentity } from './rbac.js';

/**
 * Compiling main.ts through tsx on 2 shared cores takes 10 s when idle and was seen at 70 s with
 * other suites running (load average 20): this bound only catches a hang.
 */
export const READY_TIMEOUT_MS = 180_000;

/** The controllers drain within 10 s of SIGTERM; a hung one is SIGKILLed after this. */
const STOP_GRACE_MS = 20_000;

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** One controller deployable: start, SIGKILL, restart and stop it, and read its log. */
export class ControllerProcess {
  private running: RunningApp | undefined;
  private starts = 0;
  private marked = 0;

  /** `args` are the deployable's own flags (kubeconfig and health port are added); default `--namespace=<namespace>`. */
  constructor(
    readonly identity: ControllerIdentity,
    namespace: string,
    private readonly logDir: string,
    private readonly args: readonly string[] = [`--namespace=${namespace}`],
  ) {}

  get name(): string {
    return this.identity.source.app;
  }

  get logFile(): string {
    return this.running?.logFile ?? `${this.logDir}/${this.name}.log`;
  }

  get pid(): number | undefined {
    return this.running?.child.pid;
  }

  /** `running (pid N)`, `exited (exit code N)`, `exited (killed by SIGX)` or `not started`: for failure reports. */
  state(): string {
    const child = this.running?.child;
    if (!child) return 'not started';
    if (child.exitCode !== null) return `exited (exit code ${child.exitCode})`;
    if (child.signalCode !== null) return `exited (killed by ${child.signalCode})`;
    return `running (pid ${String(child.pid)})`;
  }

  /** Starts the process and waits for /readyz (caches synced); returns ms since launch. */
  async start(): Promise<number> {
    if (this.running && this.running.child.exitCode === null && this.running.child.signalCode === null) {
      throw new Error(`${this.name} is already running (pid ${String(this.running.child.pid)})`);
    }
    const app = DEPLOYABLES.find((d) => d.name === this.name);
    if (!app) throw new Error(`tools/demo knows no deployable ${this.name}`);
    const port = await freePort();
    this.starts += 1;
    appendFileSync(this.logFile, `# ---- e2e: start #${this.starts} of ${this.name} at ${new Date().toISOString()} ----\n`);
    const launch = launchCommand(REPO_ROOT, app, this.identity.kubeconfigPath, port, [...this.args]);
    this.running = startApp(app, launch, this.logDir, port);
    return waitReady(this.running, READY_TIMEOUT_MS);
  }

  /** SIGKILL: no shutdown hooks, no draining of in-flight writes. Resolves once the process is gone. */
  async kill(): Promise<void> {
    const running = this.running;
    if (!running || running.child.exitCode !== null || running.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => running.child.once('exit', () => resolve()));
    running.child.kill('SIGKILL');
    await exited;
    appendFileSync(this.logFile, `# ---- e2e: SIGKILL of ${this.name} at ${new Date().toISOString()} ----\n`);
  }

  /**
   * SIGTERM and wait (SIGKILL after {@link STOP_GRACE_MS}); returns the exit code (null when it
   * ended by a signal or never started).
   */
  async stop(): Promise<number | null> {
    const running = this.running;
    if (!running || running.child.signalCode !== null) return null;
    const killer = setTimeout(() => running.child.kill('SIGKILL'), STOP_GRACE_MS);
    try {
      return await stopApp(running);
    } finally {
      clearTimeout(killer);
    }
  }

  /** Remembers where the log is now: {@link linesSinceMark} starts there (each test marks it). */
  markLog(): void {
    this.marked = this.logLines().length;
  }

  linesSinceMark(): string[] {
    return this.logLines().slice(this.marked);
  }

  /** Log lines so far (JSON lines from the controller, plus the e2e markers). */
  logLines(): string[] {
    try {
      return readFileSync(this.logFile, 'utf8').split('\n').filter((line) => line !== '');
    } catch {
      return [];
    }
  }
}
