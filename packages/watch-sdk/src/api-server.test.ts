import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { waitForApiServer } from './api-server.js';

function kubeConfigFor(server: string): KubeConfig {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromClusterAndUser({ name: 'c', server, skipTLSVerify: true }, { name: 'u', token: 't' });
  return kubeConfig;
}

/** A stand-in API server: answers /version with the given statuses in turn, then 200. */
async function fakeApiServer(failures: number[]): Promise<{ url: string; server: Server }> {
  const server = createServer((_req, res) => {
    const status = failures.shift() ?? 200;
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(status === 200 ? { gitVersion: 'v1.34.0', major: '1', minor: '34' } : { kind: 'Status' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('waitForApiServer', () => {
  let server: Server | undefined;
  afterEach(() => {
    server?.close();
  });

  it('retries until /version answers, logging each failure kind once', async () => {
    const fake = await fakeApiServer([503, 503, 503, 500]);
    server = fake.server;
    const logger = { info: vi.fn(), error: vi.fn() };
    const signal = new AbortController().signal;
    const info = await waitForApiServer({ kubeConfig: kubeConfigFor(fake.url), logger, signal, initialBackoffMs: 1 });
    expect(info?.gitVersion).toBe('v1.34.0');
    expect(logger.error.mock.calls.map(([fields]) => (fields as { kind: string }).kind)).toEqual(['503', '500']);
    expect(logger.info).toHaveBeenCalledWith(
      { server: fake.url, gitVersion: 'v1.34.0' },
      'connected to API server',
    );
  });

  it('stops retrying and resolves undefined once aborted', async () => {
    const stop = new AbortController();
    const logger = { info: vi.fn(), error: vi.fn(() => stop.abort()) };
    const kubeConfig = kubeConfigFor('http://127.0.0.1:1');
    const info = await waitForApiServer({ kubeConfig, logger, signal: stop.signal, initialBackoffMs: 60_000 });
    expect(info).toBeUndefined();
    expect(logger.error).toHaveBeenCalledTimes(1);
    expect(logger.info).not.toHaveBeenCalled();
  });
});
