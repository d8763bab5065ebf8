import { EventEmitter } from 'node:events';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ControllerConfig } from './controller-config.js';
import { startDeployable, type ProcessHooks, type ReadyContext } from './deployable.js';

type LogLine = Record<string, unknown>;

// The first test in a run pays for loading @kubernetes/client-node, which takes seconds.
const SLOW = { timeout: 8_000 };

/** A stand-in API server that answers /version at once. */
async function fakeApiServer(): Promise<{ url: string; server: Server }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ gitVersion: 'v1.34.0', major: '1', minor: '34' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

function kubeconfigYaml(server: string): string {
  return `apiVersion: v1
kind: Config
clusters: [{name: c, cluster: {server: '${server}', insecure-skip-tls-verify: true}}]
users: [{name: u, user: {token: t}}]
contexts: [{name: x, context: {cluster: c, user: u}}]
current-context: x
`;
}

/** Process hooks that record log lines and exit codes instead of touching the real process. */
function fakeProcess() {
  const logs: LogLine[] = [];
  const signals = new EventEmitter();
  const exit = vi.fn<(code: number) => void>();
  const hooks: ProcessHooks = {
    signals,
    exit,
    logDestination: { write: (line: string) => void logs.push(JSON.parse(line) as LogLine) },
  };
  const portFromLogs = () => String(logs.find((l) => l['msg'] === 'health server listening')?.['port']);
  return { logs, exit, hooks, terminate: () => signals.emit('SIGTERM', 'SIGTERM'), portFromLogs };
}

describe('startDeployable', { timeout: 15_000 }, () => {
  let dir = '';
  let apiServer: Server | undefined;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'grove-deployable-'));
    return () => rmSync(dir, { recursive: true, force: true });
  });
  afterEach(() => {
    apiServer?.close();
  });

  async function configFor(server: string): Promise<ControllerConfig> {
    const path = join(dir, `kubeconfig-${Math.random().toString(36).slice(2)}`);
    writeFileSync(path, kubeconfigYaml(server));
    return { kubeconfig: { kind: 'file', path }, healthPort: 0, healthHost: '127.0.0.1', logLevel: 'info' };
  }

  it('turns ready only after onReady resolved, with the fields on every line, and exits 0 on SIGTERM', async () => {
    const fake = await fakeApiServer();
    apiServer = fake.server;
    const proc = fakeProcess();
    let finishStartup = () => undefined as void;
    const onReady = vi.fn((_context: ReadyContext) => new Promise<void>((resolve) => (finishStartup = resolve)));
    const started = startDeployable(
      { name: 'test-controller', config: await configFor(fake.url), logFields: { shard: 1 }, onReady },
      proc.hooks,
    );
    await vi.waitFor(() => expect(onReady).toHaveBeenCalled(), SLOW);
    const base = `http://127.0.0.1:${proc.portFromLogs()}`;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/readyz`)).status).toBe(503);
    expect(onReady.mock.calls[0]?.[0].kubeConfig.getCurrentCluster()?.server).toBe(fake.url);

    finishStartup();
    await started;
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    expect(proc.logs.every((l) => l['name'] === 'test-controller' && l['shard'] === 1)).toBe(true);

    proc.terminate();
    await vi.waitFor(() => expect(proc.exit).toHaveBeenCalledWith(0));
    expect(onReady.mock.calls[0]?.[0].signal.aborted).toBe(true);
  });

  it('waits for the shutdown hooks registered in onReady, last registered first, before exiting', async () => {
    const fake = await fakeApiServer();
    apiServer = fake.server;
    const proc = fakeProcess();
    const order: string[] = [];
    const onReady = ({ onShutdown }: ReadyContext) => {
      onShutdown(async () => void order.push('first'));
      onShutdown(() => new Promise<void>((resolve) => setTimeout(() => resolve(void order.push('second')), 50)));
      onShutdown(() => Promise.reject(new Error('cleanup failed')));
    };
    await startDeployable({ name: 'test-controller', config: await configFor(fake.url), onReady }, proc.hooks);
    proc.terminate();
    await vi.waitFor(() => expect(proc.exit).toHaveBeenCalledWith(0));
    expect(order).toEqual(['second', 'first']);
    expect(proc.logs.map((l) => l['msg'])).toContain('shutdown step failed');
  });

  it('stops waiting for an unreachable API server on SIGTERM, never calling onReady', async () => {
    const proc = fakeProcess();
    const onReady = vi.fn();
    const started = startDeployable({ name: 'test-controller', config: await configFor('https://127.0.0.1:1'), onReady }, proc.hooks);
    await vi.waitFor(() => expect(proc.logs.map((l) => l['msg'])).toContain('API server unreachable, retrying'), SLOW);
    proc.terminate();
    await started;
    await vi.waitFor(() => expect(proc.exit).toHaveBeenCalledWith(0));
    expect(onReady).not.toHaveBeenCalled();
  });

  it('rejects when the kubeconfig cannot be read', async () => {
    const proc = fakeProcess();
    const config: ControllerConfig = { ...(await configFor('https://127.0.0.1:1')), kubeconfig: { kind: 'file', path: join(dir, 'missing') } };
    await expect(startDeployable({ name: 'test-controller', config }, proc.hooks)).rejects.toThrow();
    proc.terminate();
    await vi.waitFor(() => expect(proc.exit).toHaveBeenCalledWith(0));
  });
});
