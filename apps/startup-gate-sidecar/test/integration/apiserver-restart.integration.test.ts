/**
 * The gate survives its API server going away while it waits. Restarting the shared cluster would
 * break every other suite running on it, so this file starts a private control plane (own state
 * folder and ports, no scheduler, no nodes: the pods stay unbound and the test sets their
 * readiness), kills its kube-apiserver with SIGKILL mid-wait and brings the control plane back with
 * the data kept in etcd, as `e2e/src/foundation/cluster-lifecycle` does.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { down, parseCommand, silentProgress, status, up, type ClusterOptions } from '@grove/cluster';
import { createTestNamespace } from '@grove/testing';
import { KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GangPods } from './support/gang-pods.js';
import { isMsg, progressWith, startGate, type GateProcess } from './support/gate-process.js';
import { gateKubeconfig } from './support/identity.js';

/** Clear of the shared cluster (16440) and of cluster-lifecycle's private one (17440). */
const PORT_BASE = 17540;
const stateDir = mkdtempSync(join(tmpdir(), 'grove-gate-restart-'));
const parsed = parseCommand(['up', '--nodes', '0', '--no-scheduler', '--port-base', String(PORT_BASE)], { ...process.env, GROVE_CLUSTER_DIR: stateDir });
const opts: ClusterOptions = { ...parsed.options, progress: silentProgress };

describe('startup gate across a kube-apiserver restart (private control plane)', () => {
  const admin = new KubeConfig();
  let gate: GateProcess | undefined;

  beforeAll(async () => {
    const info = await up(opts);
    admin.loadFromFile(info.kubeconfig);
  });

  afterAll(async () => {
    if (gate?.running()) gate.child.kill('SIGKILL');
    await down(opts, true);
  });

  it('keeps waiting while the API server is down and opens once the pods are Ready after it is back', async () => {
    const namespace = await createTestNamespace(admin, 'gate-restart');
    const kubeconfig = await gateKubeconfig(admin, namespace, stateDir, { withRole: true });
    const pods = new GangPods(admin, namespace);
    await pods.createReady({ gang: 'svc-0', fqn: 'svc-0-a' });
    const second = await pods.create({ gang: 'svc-0', fqn: 'svc-0-a' });
    gate = startGate({ kubeconfig, namespace, podGang: 'svc-0', dependencies: ['svc-0-a:2'] });
    await gate.waitForLog(progressWith('svc-0-a', 1));

    const apiserver = status(opts).find((s) => s.name === 'kube-apiserver')?.pid;
    expect(apiserver).toBeDefined();
    process.kill(apiserver as number, 'SIGKILL');
    await gate.waitForLog(isMsg('pod watch failed, retrying'));
    expect(gate.running()).toBe(true);

    const again = await up(opts);
    expect(again.reused).toBe(false);
    await pods.setReady(second, true);
    expect(await gate.exited).toBe(0);
    expect(gate.logs.map((l) => l.msg)).toContain('pod watch resumed');
    expect(gate.logs.at(-1)).toMatchObject({ msg: 'startup gate open', dependencies: [{ fqn: 'svc-0-a', minAvailable: 2, ready: 2 }] });
  }, 240_000);
});
