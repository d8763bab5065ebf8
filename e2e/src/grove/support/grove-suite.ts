/**
 * One test file = one namespace with both Grove controllers running against it as real processes,
 * each authenticated as its own ServiceAccount with exactly its declared RBAC:
 *
 *   beforeAll  namespace, ServiceAccounts + ClusterRoles + bindings, token kubeconfigs, start both
 *              controllers with `--namespace=<ns>`, wait for /readyz
 *   failure    prints the scenario's steps, the controller log files and their last warnings
 *   afterAll   deletes the PodCliqueSets while the controllers still run (they own the finalizers),
 *              stops the controllers, removes the ClusterRoles/bindings and the namespace
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createGroveClient,
  PodCliqueGVK,
  PodCliqueScalingGroupGVK,
  PodCliqueSetGVK,
  type GroveClient,
} from '@grove/api';
import { adminKubeConfig, createTestNamespace, eventually } from '@grove/testing';
import { CoreV1Api, CustomObjectsApi, PatchStrategy, setHeaderOptions, type KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { ControllerProcess, READY_TIMEOUT_MS } from './controllers.js';
import { grantDeclaredRbac, RBAC_SOURCES, revokeDeclaredRbac, SCHEDULER_RBAC_SOURCE, type ControllerIdentity } from './rbac.js';
import { stepsOf } from './steps.js';

export interface GroveEnv {
  readonly namespace: string;
  /** Admin access, for the test's own reads and writes. */
  readonly kc: KubeConfig;
  readonly grove: GroveClient;
  readonly core: CoreV1Api;
  readonly logDir: string;
  readonly podCliqueSetController: ControllerProcess;
  readonly scalingGroupController: ControllerProcess;
  /** With `{ scheduler: true }`: the podgang-scheduler, scheduling pods whose schedulerName is {@link schedulerName}. */
  readonly scheduler?: ControllerProcess;
  /** The scheduler name pods get by default (the controller's `--default-scheduler`). */
  readonly schedulerName: string;
}

export interface GroveSuiteOptions {
  /**
   * Also run the podgang-scheduler (its declared RBAC, a scheduler name unique to the file), and make
   * it the podcliqueset-controller's default scheduler.
   */
  readonly scheduler?: boolean;
  /** Start the podcliqueset-controller with `--topology-aware-scheduling`. */
  readonly topologyAware?: boolean;
}

/** The processes of a suite, for logs and reports. */
function processesOf(env: GroveEnv): ControllerProcess[] {
  return [env.podCliqueSetController, env.scalingGroupController, ...(env.scheduler ? [env.scheduler] : [])];
}

/** How the controllers' API errors read when the server refuses a request: `403 from <path>: … is forbidden`. */
const DENIED = /\b40[13] from |forbidden|Unauthorized/;

/** Lines of a controller log that point at a problem: warnings, errors, denied requests. */
export function problemLines(lines: readonly string[]): string[] {
  return lines.filter((line) => /"level":"(warn|error|fatal)"/.test(line) || DENIED.test(line));
}

/** Requests the API server refused for lack of permission: an RBAC gap in the controller's rbac.ts. */
export function forbiddenLines(lines: readonly string[]): string[] {
  return lines.filter((line) => DENIED.test(line));
}

/**
 * Requests the API server refused to either controller during the current test (their log lines,
 * each prefixed with the controller's name).
 */
export function deniedRequests(env: GroveEnv): string[] {
  return processesOf(env).flatMap((c) =>
    forbiddenLines(c.linesSinceMark()).map((line) => `${c.name}: ${line.length > 600 ? `${line.slice(0, 600)}…` : line}`),
  );
}

/**
 * `eventually(check)`, except that it stops at once when a controller's request was refused: waiting
 * longer cannot help, and the failure then names the RBAC gap instead of a missing object.
 */
export async function eventuallyUnlessDenied<T>(env: GroveEnv, what: string, check: () => Promise<T>, options: { timeoutMs: number; intervalMs?: number }): Promise<T> {
  let denied: string[] = [];
  const outcome = await eventually(async () => {
    denied = deniedRequests(env);
    if (denied.length > 0) return undefined;
    return { value: await check() };
  }, options);
  expect(denied, `requests the API server refused to the controllers while waiting for ${what} (an RBAC gap in apps/*/src/rbac.ts?)`).toEqual([]);
  if (outcome === undefined) throw new Error(`unreachable: no outcome while waiting for ${what}`);
  return outcome.value;
}

function report(env: GroveEnv | undefined, logDir: string): string {
  const controllers = env ? processesOf(env) : [];
  const parts = [`controller logs in ${logDir}`];
  for (const c of controllers) {
    const problems = problemLines(c.logLines()).slice(-8);
    parts.push(`  ${c.name} [${c.state()}]: ${c.logFile}`);
    for (const line of problems) parts.push(`    ${line.length > 400 ? `${line.slice(0, 400)}…` : line}`);
  }
  return parts.join('\n');
}

/** How long afterAll waits for the controllers to release the finalizers of deleted objects. */
const CLEANUP_TIMEOUT_MS = 60_000;

const GROVE_KINDS = [PodCliqueSetGVK, PodCliqueScalingGroupGVK, PodCliqueGVK] as const;

async function groveObjectsLeft(grove: GroveClient, namespace: string): Promise<string[]> {
  const lists = await Promise.all(GROVE_KINDS.map((gvk) => grove.list(gvk, { namespace })));
  return lists.flatMap((list, i) => list.items.map((item) => `${GROVE_KINDS[i]?.kind ?? '?'}/${item.metadata.name ?? ''}`));
}

/** Last resort so the namespace can go: drop the finalizers the stopped controllers would have removed. */
async function stripFinalizers(kc: KubeConfig, namespace: string, grove: GroveClient): Promise<void> {
  const custom = kc.makeApiClient(CustomObjectsApi);
  for (const gvk of GROVE_KINDS) {
    for (const item of (await grove.list(gvk, { namespace })).items) {
      if (!item.metadata.finalizers?.length || !item.metadata.name) continue;
      await custom
        .patchNamespacedCustomObject(
          { group: gvk.group, version: gvk.version, namespace, plural: gvk.plural, name: item.metadata.name, body: { metadata: { finalizers: null } } },
          setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
        )
        .catch(() => undefined);
    }
  }
}

/**
 * Registers the file's hooks; call at the top of the file's `describe`. The accessor throws outside
 * a test (before `beforeAll` finished).
 */
export function useGroveControllers(prefix: string, options: GroveSuiteOptions = {}): () => GroveEnv {
  const kc = adminKubeConfig();
  const grove = createGroveClient(kc);
  const core = kc.makeApiClient(CoreV1Api);
  const logDir = mkdtempSync(join(tmpdir(), `grove-e2e-${prefix}-`));
  let env: GroveEnv | undefined;
  let namespace: string | undefined;

  beforeAll(async () => {
    process.stdout.write(`[grove-e2e] ${prefix}: controller logs in ${logDir}\n`);
    namespace = await createTestNamespace(kc, `grove-${prefix}`);
    const ns = namespace;
    const identities: ControllerIdentity[] = [];
    for (const source of RBAC_SOURCES) identities.push(await grantDeclaredRbac(kc, ns, source, logDir));
    const [pcsIdentity, pcsgIdentity] = identities;
    if (!pcsIdentity || !pcsgIdentity) throw new Error('expected an identity per controller');
    // The namespace name is unique per file, so the scheduler name is too: no other suite's pods are ours.
    const schedulerName = options.scheduler ? `grove-e2e-${ns}` : 'default-scheduler';
    const pcsArgs = [`--namespace=${ns}`, `--default-scheduler=${schedulerName}`, ...(options.topologyAware ? ['--topology-aware-scheduling'] : [])];
    const podCliqueSetController = new ControllerProcess(pcsIdentity, ns, logDir, pcsArgs);
    const scalingGroupController = new ControllerProcess(pcsgIdentity, ns, logDir);
    const scheduler = options.scheduler
      ? new ControllerProcess(await grantDeclaredRbac(kc, ns, SCHEDULER_RBAC_SOURCE, logDir), ns, logDir, [`--scheduler-name=${schedulerName}`])
      : undefined;
    env = { namespace: ns, kc, grove, core, logDir, podCliqueSetController, scalingGroupController, schedulerName, ...(scheduler && { scheduler }) };
    try {
      const ms = await Promise.all(processesOf(env).map((p) => p.start()));
      process.stdout.write(`[grove-e2e] ${prefix}: controllers ready in ${ms.map((m) => `${(m / 1000).toFixed(1)}s`).join(' / ')} (namespace ${ns})\n`);
    } catch (err) {
      process.stderr.write(`[grove-e2e] ${prefix}: controllers did not start\n${report(env, logDir)}\n`);
      throw err;
    }
  }, READY_TIMEOUT_MS + 60_000);

  beforeEach((ctx) => {
    for (const p of env ? processesOf(env) : []) p.markLog();
    ctx.onTestFailed(() => {
      process.stderr.write(`\n[grove-e2e] ${prefix} › ${ctx.task.name}: ${stepsOf(ctx)}\n${report(env, logDir)}\n\n`);
    });
  });

  afterAll(async () => {
    if (env) {
      const { namespace: ns } = env;
      // While the controllers still run: they remove the finalizers of what gets deleted.
      const pcsList = await grove.list(PodCliqueSetGVK, { namespace: ns });
      await Promise.all(
        pcsList.items.map((pcs) => grove.delete(PodCliqueSetGVK, { namespace: ns, name: pcs.metadata.name ?? '' }).catch(() => undefined)),
      );
      const left = await eventually(
        async () => {
          const names = await groveObjectsLeft(grove, ns);
          if (names.length > 0) throw new Error(`left: ${names.join(', ')}`);
          return names;
        },
        { timeoutMs: CLEANUP_TIMEOUT_MS, intervalMs: 1_000 },
      ).catch((err: unknown) => [String(err)]);
      await Promise.all(processesOf(env).map((p) => p.stop()));
      if (left.length > 0) {
        process.stderr.write(`[grove-e2e] ${prefix}: Grove objects still in ${ns} after 60 s, removing their finalizers: ${left.join('; ')}\n`);
        await stripFinalizers(kc, ns, grove);
      }
    }
    if (namespace) {
      const ns = namespace;
      for (const source of [...RBAC_SOURCES, SCHEDULER_RBAC_SOURCE]) await revokeDeclaredRbac(kc, source, ns);
      await core.deleteNamespace({ name: ns }).catch(() => undefined);
    }
    process.stdout.write(`[grove-e2e] ${prefix}: done; controller logs kept in ${logDir}\n`);
  }, CLEANUP_TIMEOUT_MS + 60_000);

  return () => {
    if (!env) throw new Error('the Grove controllers are not running: use the accessor inside a test');
    return env;
  };
}
