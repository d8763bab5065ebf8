/**
 * The spawned-process tests every controller deployable shares: its `main.ts` started as `tools/demo`
 * starts it (tsx, the `@grove/source` condition, the same flags), checked from the outside.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

export interface DeployableProcessOptions {
  /** The deployable's name, which prefixes its one-line config errors. */
  readonly name: string;
  /** Its `src/main.ts`, e.g. `new URL('./main.ts', import.meta.url)`. */
  readonly main: URL | string;
}

// Port 1 on loopback: nothing listens there, so every /version call is refused at once.
const UNREACHABLE_KUBECONFIG = `apiVersion: v1
kind: Config
clusters: [{name: c, cluster: {server: 'https://127.0.0.1:1', insecure-skip-tls-verify: true}}]
users: [{name: u, user: {token: t}}]
contexts: [{name: x, context: {cluster: c, user: u}}]
current-context: x
`;

// Compiling main.ts and @kubernetes/client-node through tsx takes several seconds on a busy machine
// (up to ~10 s seen on 2 shared cores); the bound only catches a hang, so it is generous.
const SPAWN_TEST_TIMEOUT_MS = 20_000;

type LogLine = Record<string, unknown>;

interface RunningMain {
  child: ChildProcess;
  logs: LogLine[];
  waitForLog: (msg: string) => Promise<LogLine>;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The command line of `tools/demo`: main.ts through tsx, workspace packages resolved to their sources. */
function nodeArgs(mainPath: string, args: readonly string[]): string[] {
  return ['--conditions=@grove/source', '--import', 'tsx', mainPath, ...args];
}

/** Starts main.ts and collects its JSON log lines from stdout. */
function startMain(mainPath: string, args: readonly string[]): RunningMain {
  const child = spawn(process.execPath, nodeArgs(mainPath, args), { stdio: ['ignore', 'pipe', 'inherit'] });
  const logs: LogLine[] = [];
  const waiters: { msg: string; resolve: (line: LogLine) => void }[] = [];
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (text) => {
    const line = JSON.parse(text) as LogLine;
    logs.push(line);
    for (const w of waiters.filter((w) => w.msg === line['msg'])) w.resolve(line);
  });
  const waitForLog = (msg: string) =>
    new Promise<LogLine>((resolve) => {
      const seen = logs.find((l) => l['msg'] === msg);
      if (seen) resolve(seen);
      else waiters.push({ msg, resolve });
    });
  return { child, logs, waitForLog };
}

/** Registers the spawned tests for one deployable: health endpoints, SIGTERM exit 0, bad flag exit 2. */
export function describeDeployableProcess(options: DeployableProcessOptions): void {
  const mainPath = options.main instanceof URL ? fileURLToPath(options.main) : options.main;

  describe(`${options.name} main (spawned)`, () => {
    let dir = '';
    let child: ChildProcess | undefined;

    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'grove-main-'));
      writeFileSync(join(dir, 'kubeconfig'), UNREACHABLE_KUBECONFIG);
      return () => rmSync(dir, { recursive: true, force: true });
    });
    afterEach(() => {
      if (child?.exitCode === null) child.kill('SIGKILL');
    });

    it('serves /healthz, is not ready without an API server, and exits 0 on SIGTERM', async () => {
      const kubeconfig = join(dir, 'kubeconfig');
      const run = startMain(mainPath, [`--kubeconfig=${kubeconfig}`, '--health-port=0', '--health-host=127.0.0.1']);
      child = run.child;
      const listening = await run.waitForLog('health server listening');
      const base = `http://127.0.0.1:${String(listening['port'])}`;

      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      expect((await fetch(`${base}/readyz`)).status).toBe(503);

      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const [code] = (await exited) as [number | null];
      expect(code).toBe(0);
      expect(run.logs.map((l) => l['msg'])).toContain('shutdown complete');
    }, SPAWN_TEST_TIMEOUT_MS);

    it('exits 2 with a one-line message on a bad flag', async () => {
      child = spawn(process.execPath, nodeArgs(mainPath, ['--kubeconfig=/nowhere', '--health-port=x']), {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const [code] = (await once(child, 'exit')) as [number | null];
      expect(code).toBe(2);
      expect(stderr).toMatch(new RegExp(`^${escapeRegExp(options.name)}: invalid --health-port: .+\\n$`));
    }, SPAWN_TEST_TIMEOUT_MS);
  });
}
