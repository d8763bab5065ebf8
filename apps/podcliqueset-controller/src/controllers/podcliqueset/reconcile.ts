/**
 * The PodCliqueSet reconcile (grove-spec §2.2): deletion → finalizer only (children go by garbage
 * collection); otherwise the spec flow in three ordered groups — G1 pod RBAC, Services, gang
 * termination and update orchestration; G2 standalone PodCliques; G3 scaling groups and PodGangs —
 * then the status flow, which runs even when the spec flow failed.
 */
import { CACHE_CATCH_UP_MS, cached, ensureFinalizer, onlyConflicts, releaseFinalizer, soonest, type StepOutcome, toError } from '@grove/controller-kit';
import { FINALIZER, PodCliqueSetGVK, type PodCliqueSet } from '@grove/api';
import { done, fail, inStep, requeueAfter, type ObjectKey, type ReconcileContext, type ReconcileResult } from '@grove/watch-sdk/controller';
import { type ReconcilerDeps } from '../deps.js';
import { runGangTermination } from './gang-termination.js';
import type { GenerationHashes } from './generation-hashes.js';
import { advanceRollout, processGenerationHash } from './rollout.js';
import { ownedStatus, writeStatus } from './status.js';
import { syncPodGangs } from './sync-podgangs.js';
import { syncStandalonePodCliques } from './sync-podcliques.js';
import { syncPodRbac } from './sync-pod-rbac.js';
import { syncHeadlessServices } from './sync-services.js';
import { syncScalingGroups } from './sync-scaling-groups.js';


export async function reconcilePodCliqueSet(key: ObjectKey, ctx: ReconcileContext, deps: ReconcilerDeps, hashes: GenerationHashes): Promise<ReconcileResult> {
  const pcs = cached(deps.world.podCliqueSets, key.namespace, key.name);
  if (pcs === undefined) return done();
  if (pcs.metadata.deletionTimestamp !== undefined) {
    hashes.forget(pcs);
    await releaseFinalizer(deps.writer, PodCliqueSetGVK, pcs, FINALIZER.podCliqueSet);
    return done();
  }
  if (!hashes.cacheShowsWritten(pcs)) return requeueAfter(CACHE_CATCH_UP_MS, 'waiting for the cache to show the written generation hash');
  await ensureFinalizer(deps.writer, PodCliqueSetGVK, pcs, FINALIZER.podCliqueSet);
  if (await inStep('generation hash', () => processGenerationHash(pcs, deps, hashes))) {
    return requeueAfter(CACHE_CATCH_UP_MS, 'generation hash written');
  }
  const spec = await runSpecFlow(pcs, deps, ctx).catch((err: unknown) => ({ error: toError(err) }));
  if ('error' in spec && onlyConflicts([spec.error])) return requeueAfter(CACHE_CATCH_UP_MS, 'conflict: the cache was behind a write');
  const errors = 'error' in spec ? [spec.error] : [];
  const observedGeneration = 'error' in spec || spec.outcome.kind === 'requeue' ? undefined : pcs.metadata.generation;
  await inStep('status', () => writeStatus(pcs, ownedStatus(pcs, deps, { observedGeneration, errors }), deps));
  if ('error' in spec) return fail(spec.error);
  const { outcome } = spec;
  if (outcome.kind === 'requeue') return requeueAfter(outcome.ms, outcome.reason);
  return outcome.requeueMs === undefined ? done() : requeueAfter(outcome.requeueMs, 'waiting for breached replicas, gangs or updates');
}

async function runSpecFlow(pcs: PodCliqueSet, deps: ReconcilerDeps, ctx: ReconcileContext): Promise<{ outcome: StepOutcome }> {
  const [rbac] = await inStep('pod rbac and services', () => Promise.all([syncPodRbac(pcs, deps), syncHeadlessServices(pcs, deps)]));
  const termination = await inStep('gang termination', () => runGangTermination(pcs, deps, ctx.logger));
  const advanced = await inStep('rolling update', () => advanceRollout(pcs, deps, termination));
  // Pods must not be created before their startup gate can read the API server (the token).
  if (rbac.kind === 'requeue') return { outcome: rbac };
  await inStep('podcliques', () => syncStandalonePodCliques(pcs, deps));
  const [, gangs] = await inStep('scaling groups and podgangs', () => Promise.all([syncScalingGroups(pcs, deps), syncPodGangs(pcs, deps)]));
  const gangPoll = gangs.kind === 'continue' ? gangs.requeueMs : gangs.ms;
  const requeueMs = soonest(soonest(termination.requeueMs, gangPoll), advanced ? CACHE_CATCH_UP_MS : undefined);
  return { outcome: requeueMs === undefined ? { kind: 'continue' } : { kind: 'continue', requeueMs } };
}

