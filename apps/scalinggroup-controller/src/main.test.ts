import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));

// Port 1 on loopback: nothing listens there, so every /version call is refused at once.
const UNREACHABLE_KUBECONFIG = `apiVersion: v1
kind: Config
clusters: [{name: c, cluster: {server: 'https://127.0.0.1:1', insecure-skip-tls-verify: true}}]
users: [{name: u, user: {token: t}}]
contexts: [{name: x, context: {cluster: c, user: u}}]
current-context: x
`;

type LogLine = Record<string, unknown>;

/** Runs main.ts through tsx, resolving workspace packages to their sources. */
function startMain(args: string[]): { child: ChildProcess; logs: LogLine[]; waitForLog: (msg: string) => Promise<LogLine> } {
  const child = spawn(process.execPath, ['--conditions=@grove/source', '--import', 'tsx', MAIN, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
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

describe('main (spawned)', () => {
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
    const run = startMain([`--kubeconfig=${kubeconfig}`, '--health-port=0', '--health-host=127.0.0.1']);
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
  }, 10_000);

  it('exits 2 with a one-line message on a bad flag', async () => {
    child = spawn(process.execPath, ['--conditions=@grove/source', '--import', 'tsx', MAIN, '--kubeconfig=/nowhere', '--health-port=x'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(2);
    expect(stderr).toMatch(/^scalinggroup-controller: invalid --health-port: .+\n$/);
  }, 10_000);
});
