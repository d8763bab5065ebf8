// main.ts as a process: exit codes and the first lines, with no cluster (an unreachable server is
// enough to make it wait). The waits against a real API server are in test/integration.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));

interface Run {
  readonly child: ReturnType<typeof spawn>;
  readonly lines: AsyncIterator<string>;
  readonly exited: Promise<{ code: number | null; stderr: string }>;
}

function start(args: string[], env: Record<string, string> = {}): Run {
  const child = spawn(process.execPath, ['--conditions=@grove/source', '--import', 'tsx', MAIN, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env['PATH'] ?? '', HOME: tmpdir(), ...env },
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = once(child, 'exit').then(([code]) => ({ code: code as number | null, stderr }));
  return { child, lines: createInterface({ input: child.stdout })[Symbol.asyncIterator](), exited };
}

async function nextLog(run: Run): Promise<Record<string, unknown>> {
  const { value, done } = await run.lines.next();
  if (done) throw new Error('process ended without another log line');
  return JSON.parse(value as string) as Record<string, unknown>;
}

function podInfoDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'pod-info-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** A kubeconfig pointing at a port nothing listens on: the gate retries and waits. */
function unreachableKubeconfig(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'kubeconfig-')), 'config');
  writeFileSync(
    file,
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'c', cluster: { server: 'http://127.0.0.1:9' } }],
      users: [{ name: 'u', user: { token: 't' } }],
      contexts: [{ name: 'x', context: { cluster: 'c', user: 'u' } }],
      'current-context': 'x',
    }),
  );
  return file;
}

describe('main (spawned)', () => {
  it('exits 0 at once when there is nothing to wait for', async () => {
    const run = start([]);
    expect(await nextLog(run)).toMatchObject({ msg: 'startup gate open', dependencies: [] });
    expect((await run.exited).code).toBe(0);
  }, 20_000);

  it.each([
    [['--podcliques=svc-0-a'], /^startup-gate-sidecar: invalid --podcliques: expected <podclique-fqn>:<minAvailable ≥ 1>, got 'svc-0-a'\n$/],
    [['--podcliques=svc-0-a:0'], /^startup-gate-sidecar: invalid --podcliques: .*got 'svc-0-a:0'\n$/],
    [['--podcliques=:2'], /^startup-gate-sidecar: invalid --podcliques: .*got ':2'\n$/],
    [['--podcliques=svc-0-a:1', '--podcliques=svc-0-a:2'], /^startup-gate-sidecar: invalid --podcliques: 'svc-0-a' is given twice\n$/],
    [['--timeout=soon'], /^startup-gate-sidecar: invalid --timeout: .*got 'soon'\n$/],
  ])('rejects %j with one usage line and exit code 2', async (args, message) => {
    const { code, stderr } = await start(args).exited;
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  }, 20_000);

  it('exits 1 naming the pod-info file that is missing', async () => {
    const dir = podInfoDir({ namespace: 'ns' });
    const run = start(['--podcliques=svc-0-a:1', `--pod-info-dir=${dir}`]);
    const line = await nextLog(run);
    expect(line).toMatchObject({ level: 'error', msg: 'startup gate cannot start', file: join(dir, 'podgangname') });
    expect(line['reason']).toBe(`cannot read pod-info file ${join(dir, 'podgangname')}`);
    expect((await run.exited).code).toBe(1);
  }, 20_000);

  it('waits while the API server is unreachable, and exits 1 on SIGTERM', async () => {
    const dir = podInfoDir({ namespace: 'ns', podgangname: 'svc-0', traceparent: '' });
    const run = start(['--podcliques=svc-0-a:2', `--pod-info-dir=${dir}`], { KUBECONFIG: unreachableKubeconfig() });
    expect(await nextLog(run)).toMatchObject({
      msg: 'startup gate waiting',
      namespace: 'ns',
      podGang: 'svc-0',
      dependencies: [{ fqn: 'svc-0-a', minAvailable: 2 }],
    });
    expect(await nextLog(run)).toMatchObject({ level: 'error', msg: 'pod watch failed, retrying' });
    expect(run.child.exitCode).toBeNull();
    run.child.kill('SIGTERM');
    expect((await run.exited).code).toBe(1);
  }, 20_000);

  it('exits 1 when --timeout passes first', async () => {
    const dir = podInfoDir({ namespace: 'ns', podgangname: 'svc-0' });
    const run = start(['--podcliques=svc-0-a:1', `--pod-info-dir=${dir}`, '--timeout=300ms'], { KUBECONFIG: unreachableKubeconfig() });
    const { code } = await run.exited;
    expect(code).toBe(1);
  }, 20_000);
});
