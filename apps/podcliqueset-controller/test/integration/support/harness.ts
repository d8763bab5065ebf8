/**
 * The webhook under test, in-process, registered by URL with the real API server, and fenced in:
 * its configurations carry a per-run name suffix and only match namespaces (and bindings) that
 * carry this run's label, so other engineers' tests never meet it, and they are deleted in
 * `afterAll` (a leftover `failurePolicy: Fail` webhook pointing at a dead URL would block writes).
 */
import { randomBytes } from 'node:crypto';
import { CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import { installGroveCrds } from '@grove/api';
import { createLogger } from '@grove/telemetry';
import { adminKubeConfig, eventually, TEST_NAMESPACE_LABEL, testNamespaceName } from '@grove/testing';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { webhookConfigurations } from '../../../src/webhook/configurations.js';
import type { WebhookConfig } from '../../../src/webhook/options.js';
import { webhookRegistrar } from '../../../src/webhook/register.js';
import { startWebhook, type RunningWebhook } from '../../../src/webhook/start.js';
import { GroveObjects } from './api.js';
import { aSample, clique } from './samples.js';

export const RUN_LABEL = 'grove.io/admission-test-run';

export interface WebhookHarness {
  readonly kc: KubeConfig;
  readonly objects: GroveObjects;
  /** The value of {@link RUN_LABEL} this file's registrations match. */
  readonly run: string;
  readonly port: number;
}

function configFor(run: string): WebhookConfig {
  return {
    scope: { nameSuffix: `-it-${run}`, selector: { key: RUN_LABEL, value: run } },
    host: '127.0.0.1',
    port: 0,
    endpoint: { kind: 'url', url: 'https://127.0.0.1:0' },
    certificates: { kind: 'generated' },
    topologyAwareScheduling: true,
    autoMnnvl: false,
    schedulers: ['default-scheduler', 'podgang-scheduler'],
  };
}

async function createNamespace(kc: KubeConfig, prefix: string, run: string): Promise<string> {
  const name = testNamespaceName(prefix);
  await kc.makeApiClient(CoreV1Api).createNamespace({ body: { metadata: { name, labels: { [TEST_NAMESPACE_LABEL]: 'true', [RUN_LABEL]: run } } } });
  return name;
}

async function deleteNamespace(kc: KubeConfig, name: string): Promise<void> {
  await kc.makeApiClient(CoreV1Api).deleteNamespace({ name }).catch(() => undefined);
}

/** Deletes the configurations named with `nameSuffix`, even if their server never stopped cleanly. */
export async function removeRegistrations(kc: KubeConfig, nameSuffix: string): Promise<void> {
  const named = webhookConfigurations({ endpoint: { kind: 'url', url: 'https://127.0.0.1:1' }, caPem: '', nameSuffix });
  await webhookRegistrar(kc).remove(named).catch(() => undefined);
}

/** Waits until the API server calls both PodCliqueSet webhooks for this run's namespaces. */
async function waitUntilEffective(objects: GroveObjects, namespace: string): Promise<void> {
  await eventually(
    async () => {
      // Only the defaulting webhook makes replicas 0 acceptable (the schema wants ≥ 1).
      const defaulted = await objects.createPodCliqueSet(namespace, aSample('simple1', (s) => (clique(s, 0).spec.replicas = 0)), true);
      if (defaulted.kind !== 'admitted') throw new Error(`defaulting webhook not effective yet: ${JSON.stringify(defaulted)}`);
      const cycle = await objects.createPodCliqueSet(namespace, aSample('simple2-explicit-startup-order', (s) => (clique(s, 0).spec.startsAfter = ['pcd'])), true);
      if (cycle.kind !== 'rejected' || cycle.by !== 'webhook') throw new Error(`validating webhook not effective yet: ${JSON.stringify(cycle)}`);
    },
    { timeoutMs: 30_000, intervalMs: 250 },
  );
}

/** Starts the webhook for this test file (beforeAll) and removes it again (afterAll). */
export function useAdmissionWebhook(): () => WebhookHarness {
  const run = randomBytes(4).toString('hex');
  const kc = adminKubeConfig();
  const objects = new GroveObjects(kc);
  const stop = new AbortController();
  let webhook: RunningWebhook | undefined;
  let probeNamespace = '';

  beforeAll(async () => {
    await installGroveCrds(kc);
    const logger = createLogger({ name: 'webhook-under-test', level: 'error' });
    webhook = await startWebhook(configFor(run), { kubeConfig: kc, logger, signal: stop.signal }, { unregisterOnStop: true });
    probeNamespace = await createNamespace(kc, 'admission-probe', run);
    await waitUntilEffective(objects, probeNamespace);
  });

  afterAll(async () => {
    stop.abort();
    await webhook?.stop().catch(() => undefined);
    await removeRegistrations(kc, `-it-${run}`);
    if (probeNamespace) await deleteNamespace(kc, probeNamespace);
  });

  return () => {
    if (!webhook) throw new Error('the webhook is not running: call the accessor inside a test');
    return { kc, objects, run, port: webhook.port };
  };
}

/** A fresh namespace per test that this run's webhooks match, deleted after it. */
export function useWebhookNamespace(harness: () => WebhookHarness, prefix: string): () => string {
  let current: string | undefined;
  beforeEach(async (ctx) => {
    current = await createNamespace(harness().kc, `${prefix}-${ctx.task.name}`, harness().run);
  });
  afterEach(async () => {
    if (current) await deleteNamespace(harness().kc, current);
    current = undefined;
  });
  return () => {
    if (!current) throw new Error('no test namespace: call the accessor inside a test');
    return current;
  };
}
