/**
 * The PodCliqueSet and PodClique reconcilers under test, in-process against the real API server,
 * reconciling only the test's own namespace (so suites running side by side never meet). No
 * admission webhook runs here: what the reconcilers must do without defaulting is part of the test.
 */
import { CoreV1Api, type KubeConfig, type V1Pod } from '@kubernetes/client-node';
import { destination } from 'pino';
import { Registry } from 'prom-client';
import { createGroveClient, LABEL, MANAGED_BY_VALUE, PodCliqueSetGVK, type GroveClient, type PodCliqueSet } from '@grove/api';
import { createLogger } from '@grove/telemetry';
import { adminKubeConfig, createTestNamespace } from '@grove/testing';
import { afterEach, beforeEach } from 'vitest';
import { parseReconcilerFlags } from '../../../src/controllers/options.js';
import { startReconcilers } from '../../../src/controllers/start.js';

export interface ReconcilerHarness {
  readonly kc: KubeConfig;
  readonly namespace: string;
  readonly grove: GroveClient;
  readonly core: CoreV1Api;
  /** Creates a PodCliqueSet in the test namespace. */
  apply(pcs: PodCliqueSet): Promise<PodCliqueSet>;
  /** The live (not terminating) pods of the namespace, optionally of one PodClique, sorted by hostname. */
  pods(podClique?: string): Promise<V1Pod[]>;
  /** Records a step of the scenario (shown when the test fails). */
  step(text: string): void;
}

/** Starts the reconcilers for each test in a fresh namespace and stops them after it. */
export function useReconcilers(prefix: string, flags: { 'topology-aware-scheduling'?: boolean } = {}): () => ReconcilerHarness {
  let current: ReconcilerHarness | undefined;
  let stop: (() => Promise<void>) | undefined;
  beforeEach(async (ctx) => {
    const kc = adminKubeConfig();
    const namespace = await createTestNamespace(kc, `${prefix}-${ctx.task.name}`);
    const shutdown: (() => Promise<void>)[] = [];
    const abort = new AbortController();
    // GROVE_TEST_LOG=<file> keeps the reconcilers' logs (debug level) for a failing scenario.
    const logFile = process.env['GROVE_TEST_LOG'];
    const logger = createLogger({
      name: 'podcliqueset-controller',
      level: logFile === undefined ? 'silent' : 'debug',
      base: { test: ctx.task.name },
      ...(logFile !== undefined && { destination: destination({ dest: logFile, sync: true, append: true }) }),
    });
    const config = parseReconcilerFlags({ namespace, workers: '2', ...flags });
    await startReconcilers({ kubeConfig: kc, logger, signal: abort.signal, onShutdown: (hook) => shutdown.push(hook) }, config, new Registry());
    stop = async () => {
      abort.abort();
      for (const hook of shutdown.reverse()) await hook();
      await kc.makeApiClient(CoreV1Api).deleteNamespace({ name: namespace }).catch(() => undefined);
    };
    const steps: string[] = [];
    ctx.onTestFailed(() => {
      process.stderr.write(`scenario "${ctx.task.name}" steps:\n${steps.map((s, i) => `  ${i + 1}. ${s}`).join('\n')}\n`);
    });
    current = harness(kc, namespace, steps);
  });
  afterEach(async () => {
    await stop?.();
    stop = undefined;
    current = undefined;
  });
  return () => {
    if (!current) throw new Error('no reconciler harness: call it inside a test');
    return current;
  };
}

function harness(kc: KubeConfig, namespace: string, steps: string[]): ReconcilerHarness {
  const grove = createGroveClient(kc);
  const core = kc.makeApiClient(CoreV1Api);
  return {
    kc,
    namespace,
    grove,
    core,
    step: (text) => steps.push(`${new Date().toISOString().slice(11, 23)} ${text}`),
    apply: async (pcs) => {
      const { apiVersion: _a, kind: _k, ...rest } = pcs;
      return grove.create(PodCliqueSetGVK, { ...rest, metadata: { ...pcs.metadata, namespace } });
    },
    pods: async (podClique) => {
      const selector = podClique === undefined ? `${LABEL.managedBy}=${MANAGED_BY_VALUE}` : `${LABEL.podClique}=${podClique}`;
      const list = await core.listNamespacedPod({ namespace, labelSelector: selector });
      return list.items
        .filter((p) => p.metadata?.deletionTimestamp === undefined)
        .sort((a, b) => (a.spec?.hostname ?? '').localeCompare(b.spec?.hostname ?? ''));
    },
  };
}
