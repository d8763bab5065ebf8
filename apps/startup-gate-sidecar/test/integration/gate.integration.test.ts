/**
 * The gate as a process against the shared local cluster, with a ServiceAccount token bound to
 * exactly its declared Role: it blocks while its dependencies lack Ready pods, counts only pods of
 * its gang whose names belong to a dependency, opens (exit 0) when they are there, exits 1 on
 * SIGTERM, and refuses to run without RBAC with one clear line.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adminKubeConfig, useTestNamespace } from '@grove/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { GangPods } from './support/gang-pods.js';
import { isMsg, progressWith, startGate, type GateProcess } from './support/gate-process.js';
import { gateKubeconfig } from './support/identity.js';

const admin = adminKubeConfig();
const dir = mkdtempSync(join(tmpdir(), 'gate-it-'));
const GANG = 'svc-0';
const PREFILL = 'svc-0-prefill';
const ROUTER = 'svc-0-router';

describe('startup gate (process, shared cluster)', () => {
  const ns = useTestNamespace(() => admin, 'startup-gate');
  let gate: GateProcess | undefined;

  afterEach(async () => {
    if (gate?.running()) {
      gate.child.kill('SIGKILL');
      await gate.exited;
    }
    gate = undefined;
  });

  it('blocks while dependency pods are not Ready and exits 0 once each has its count', async () => {
    const pods = new GangPods(admin, ns());
    const kubeconfig = await gateKubeconfig(admin, ns(), dir, { withRole: true });
    const prefill = [await pods.create({ gang: GANG, fqn: PREFILL }), await pods.create({ gang: GANG, fqn: PREFILL })];
    const router = await pods.create({ gang: GANG, fqn: ROUTER });
    gate = startGate({ kubeconfig, namespace: ns(), podGang: GANG, dependencies: [`${PREFILL}:2`, `${ROUTER}:1`] });
    await gate.waitForLog(isMsg('listed pods'));

    await pods.setReady(prefill[0] as string, true);
    await pods.setReady(router, true);
    const progress = await gate.waitForLog(progressWith(ROUTER, 1));
    expect(progress['progress']).toBe(`waiting for ${PREFILL} (1/2 ready, 1 more)`);
    // Not-Ready again is counted out again.
    await pods.setReady(router, false);
    await gate.waitForLog(progressWith(ROUTER, 0));
    expect(gate.running()).toBe(true);

    await pods.setReady(router, true);
    await pods.setReady(prefill[1] as string, true);
    expect(await gate.exited).toBe(0);
    expect(gate.logs.at(-1)).toMatchObject({ msg: 'startup gate open', progress: 'all dependencies ready' });
  });

  it('ignores Ready pods of another gang, of a prefix-sharing clique and of a scaling-group clique named after it', async () => {
    const pods = new GangPods(admin, ns());
    const kubeconfig = await gateKubeconfig(admin, ns(), dir, { withRole: true });
    const own = await pods.create({ gang: GANG, fqn: PREFILL });
    gate = startGate({ kubeconfig, namespace: ns(), podGang: GANG, dependencies: [`${PREFILL}:2`] });
    await gate.waitForLog(isMsg('listed pods'));

    await pods.createReady({ gang: 'svc-1', fqn: PREFILL });
    await pods.createReady({ gang: GANG, fqn: `${PREFILL}x` });
    await pods.createReady({ gang: GANG, fqn: `${PREFILL}-0-worker` });
    // Events of one namespace arrive in order: when this pod's progress line is out, the decoys
    // before it have been seen, and none of them counted.
    await pods.setReady(own, true);
    const progress = await gate.waitForLog(progressWith(PREFILL, 1));
    expect(progress['short']).toEqual([{ fqn: PREFILL, minAvailable: 2, ready: 1, missing: 1 }]);
    expect(gate.running()).toBe(true);

    await pods.createReady({ gang: GANG, fqn: PREFILL });
    expect(await gate.exited).toBe(0);
  });

  it('exits 1 on SIGTERM while waiting', async () => {
    const kubeconfig = await gateKubeconfig(admin, ns(), dir, { withRole: true });
    gate = startGate({ kubeconfig, namespace: ns(), podGang: GANG, dependencies: [`${PREFILL}:1`] });
    await gate.waitForLog(isMsg('listed pods'));
    gate.child.kill('SIGTERM');
    expect(await gate.exited).toBe(1);
    expect(gate.logs.map((l) => l.msg)).toContain('startup gate interrupted');
  });

  it('refuses to run without read access to pods, with one clear line, and exits 1', async () => {
    const kubeconfig = await gateKubeconfig(admin, ns(), dir, { withRole: false });
    gate = startGate({ kubeconfig, namespace: ns(), podGang: GANG, dependencies: [`${PREFILL}:1`] });
    expect(await gate.exited).toBe(1);
    const refused = gate.logs.filter((l) => l.msg === 'startup gate cannot read pods');
    expect(refused).toHaveLength(1);
    expect(refused[0]?.['reason']).toMatch(
      new RegExp(`^needs get/list/watch on pods in namespace ${ns()}: pods is forbidden: User "system:serviceaccount:${ns()}:startup-gate" cannot list resource "pods"`),
    );
  });
});
