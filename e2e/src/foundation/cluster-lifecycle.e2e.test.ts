/**
 * The cluster tool's lifecycle on a second, private control plane (own state folder and ports):
 * start, reuse, recover from a crashed component, refuse a taken port, report an early exit,
 * and never leave a process behind.
 */
import { createServer, type Server } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { down, isProcessRunning, parseCommand, silentProgress, status, up, type ClusterOptions } from '@grove/cluster';
import { afterAll, describe, expect, it } from 'vitest';

const PORT_BASE = 17440;
const stateDir = mkdtempSync(join(tmpdir(), 'grove-lifecycle-'));
const parsed = parseCommand(['up', '--nodes', '2', '--no-scheduler', '--port-base', String(PORT_BASE)], {
  ...process.env,
  GROVE_CLUSTER_DIR: stateDir,
});
const opts: ClusterOptions = { ...parsed.options, progress: silentProgress };

const pidsOf = () => Object.fromEntries(status(opts).map((s) => [s.name, s.pid]));
const alive = (pid: number | undefined) => pid !== undefined && isProcessRunning(pid);

function core(kubeconfig: string): CoreV1Api {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfig);
  return kc.makeApiClient(CoreV1Api);
}

async function occupy(port: number): Promise<Server> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return server;
}

describe.sequential('cluster lifecycle', () => {
  afterAll(async () => {
    await down(opts, true);
  });

  it('starts, then reuses a healthy cluster without restarting anything', async () => {
    const first = await up(opts);
    expect(first.reused).toBe(false);
    const nodes = await core(first.kubeconfig).listNode();
    expect(nodes.items).toHaveLength(2);
    const before = pidsOf();

    const second = await up(opts);
    expect(second.reused).toBe(true);
    expect(pidsOf()).toEqual(before);
  });

  it('recovers after a component is killed, keeping the data in etcd', async () => {
    const info = await up(opts);
    await core(info.kubeconfig).createNamespacedConfigMap({
      namespace: 'default',
      body: { metadata: { name: 'survivor' }, data: { a: '1' } },
    });
    const crashed = pidsOf()['kube-apiserver'];
    process.kill(crashed as number, 'SIGKILL');

    const again = await up(opts);
    expect(again.reused).toBe(false);
    expect(pidsOf()['kube-apiserver']).not.toBe(crashed);
    const kept = await core(again.kubeconfig).readNamespacedConfigMap({ namespace: 'default', name: 'survivor' });
    expect(kept.data).toEqual({ a: '1' });
  });

  it('stops exactly the processes it started', async () => {
    const pids = Object.values(pidsOf()).filter((p): p is number => p !== undefined);
    expect(pids.length).toBe(4);
    await down(opts, false);
    expect(pids.filter(alive)).toEqual([]);
    expect(status(opts).every((s) => !s.running)).toBe(true);
  });

  it('refuses a taken port with one line naming the component, and starts nothing', async () => {
    const blocker = await occupy(PORT_BASE + 3);
    try {
      await expect(up(opts)).rejects.toThrow(
        new RegExp(`^kube-apiserver: port ${PORT_BASE + 3} on 127\\.0\\.0\\.1 is already in use`),
      );
      expect(status(opts).filter((s) => s.running)).toEqual([]);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('names the component and its log when it exits early, and stops the ones already started', async () => {
    // A corrupt service-account key makes kube-apiserver exit at start-up, after etcd is running.
    writeFileSync(join(stateDir, 'pki', 'sa.pub'), 'not a key\n');
    await expect(up(opts)).rejects.toThrow(
      /^kube-apiserver: exited early \(exit code 1\) \(log: .*\/logs\/kube-apiserver\.log\)$/,
    );
    expect(status(opts).filter((s) => s.running)).toEqual([]);
  });
});
