import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));

/** Runs main.ts through tsx and resolves with the first log line and a promise of the exit code. */
async function run(args: string[]) {
  const child = spawn(process.execPath, ['--conditions=@grove/source', '--import', 'tsx', MAIN, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  const lines = createInterface({ input: child.stdout });
  const [first] = (await once(lines, 'line')) as [string];
  return { child, first: JSON.parse(first) as Record<string, unknown>, exited };
}

describe('main (spawned)', () => {
  it('exits 0 at once when there is nothing to wait for', async () => {
    const { first, exited } = await run([]);
    expect(first).toMatchObject({ msg: 'startup gate waiting', dependencies: [] });
    expect(await exited).toBe(0);
  }, 10_000);

  it('lists its dependencies, waits, and exits 1 on SIGTERM', async () => {
    const { child, first, exited } = await run(['--podcliques=inference-0-prefill:2']);
    expect(first).toMatchObject({
      msg: 'startup gate waiting',
      dependencies: [{ fqn: 'inference-0-prefill', minAvailable: 2 }],
    });
    expect(child.exitCode).toBeNull();
    child.kill('SIGTERM');
    expect(await exited).toBe(1);
  }, 10_000);
});
