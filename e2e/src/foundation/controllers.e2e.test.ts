/** Every controller skeleton connects to the real API server, turns ready, and exits 0 on SIGTERM. */
import { createServer } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '@grove/cluster';
import { DEPLOYABLES, launchCommand, startApp, stopApp, waitReady } from '@grove/demo';
import { describe, expect, inject, it } from 'vitest';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('controller skeletons against the local cluster', () => {
  const logDir = mkdtempSync(join(tmpdir(), 'controllers-'));

  it.each(DEPLOYABLES.map((d) => [d.name, d] as const))('%s becomes ready and shuts down cleanly', async (_, app) => {
    const port = await freePort();
    const running = startApp(app, launchCommand(REPO_ROOT, app, inject('kubeconfig'), port), logDir, port);
    try {
      await waitReady(running, 60_000);
    } finally {
      expect(await stopApp(running)).toBe(0);
    }
  });
});
