/**
 * The deployable itself (main.ts, spawned) with the webhook on: /readyz turns 200 only once the
 * certificates exist and the configurations are registered with the CA, and SIGTERM removes the
 * URL registrations so nothing points at a dead server afterwards.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { AdmissionregistrationV1Api } from '@kubernetes/client-node';
import { adminKubeConfig, eventually } from '@grove/testing';
import { inject, describe, expect, it } from 'vitest';
import { removeRegistrations, RUN_LABEL } from './support/harness.js';

const MAIN = fileURLToPath(new URL('../../src/main.ts', import.meta.url));

describe('podcliqueset-controller main with the webhook', () => {
  it('is ready only once registered, and unregisters on SIGTERM', { timeout: 90_000 }, async () => {
    const run = randomBytes(4).toString('hex');
    const suffix = `-it-${run}`;
    const args = [
      '--conditions=@grove/source',
      '--import',
      'tsx',
      MAIN,
      `--kubeconfig=${inject('kubeconfig')}`,
      '--health-port=0',
      '--health-host=127.0.0.1',
      '--webhook-url=https://127.0.0.1:0',
      '--webhook-host=127.0.0.1',
      `--webhook-name-suffix=${suffix}`,
      `--webhook-selector=${RUN_LABEL}=${run}`,
    ];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    const api = adminKubeConfig().makeApiClient(AdmissionregistrationV1Api);
    const registered = async () => {
      const mutating = await api.readMutatingWebhookConfiguration({ name: `podcliqueset-defaulting-webhook${suffix}` }).catch(() => undefined);
      return Boolean(mutating?.webhooks?.[0]?.clientConfig.caBundle);
    };
    try {
      const messages: Record<string, unknown>[] = [];
      createInterface({ input: child.stdout }).on('line', (line) => messages.push(JSON.parse(line) as Record<string, unknown>));
      const health = await eventually(() => {
        const line = messages.find((m) => m['msg'] === 'health server listening');
        if (!line) throw new Error('health server not listening yet');
        return `http://127.0.0.1:${String(line['port'])}`;
      });
      await eventually(
        async () => {
          const ready = (await fetch(`${health}/readyz`)).status === 200;
          // Ready must imply registered: check the configurations right after seeing 200.
          if (ready) expect(await registered()).toBe(true);
          else throw new Error('not ready yet');
        },
        { timeoutMs: 60_000, intervalMs: 100 },
      );
      expect(messages.map((m) => m['msg'])).toContain('webhook configurations registered');

      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      expect((await exited)[0]).toBe(0);
      expect(await registered()).toBe(false);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await removeRegistrations(adminKubeConfig(), suffix);
    }
  });
});
