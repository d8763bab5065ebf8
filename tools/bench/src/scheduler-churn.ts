/**
 * Workload (c), on the scheduler still running after (b): delete the planned gangs (pods and
 * PodGangs, and wait until they are gone), create the new gangs of the same shapes, and wait until
 * they are bound or binds stop. Bind times are measured from the first create.
 */
import { createPodGangs, createPods, deleteNamed } from './scheduler-cluster.js';
import { gangPods, podGangManifest } from './scheduler-manifests.js';
import type { SchedulerId } from './scheduler-options.js';
import { saveMetrics, waitForBinds, type PassContext } from './scheduler-pass.js';
import { SCHEDULER_NAMES, stopScheduler, type SchedulerProcess } from './scheduler-processes.js';
import type { ChurnResult } from './scheduler-report.js';
import { podNames, type ChurnPlan, type GangSpec } from './scheduler-workload.js';

export interface ChurnInput {
  readonly id: SchedulerId;
  readonly namespace: string;
  readonly gangs: readonly GangSpec[];
  readonly plan: ChurnPlan;
  readonly scheduler: SchedulerProcess;
  /** Create PodGangs and gang labels (the podgang-scheduler) or plain pods (kube-scheduler). */
  readonly gangAware: boolean;
}

export async function runChurn(ctx: PassContext, input: ChurnInput): Promise<ChurnResult> {
  const { kc, tracker } = ctx;
  const { plan, namespace } = input;
  ctx.wait.progress(`${input.id}: churn, deleting ${plan.deleted.length} gangs`);
  await deleteNamed(kc, namespace, plan.deleted.flatMap(podNames), input.gangAware ? plan.deleted.map((g) => g.name) : []);
  tracker.mark();
  ctx.wait.progress(`${input.id}: churn, creating ${plan.created.length} gangs`);
  if (input.gangAware) await createPodGangs(kc, plan.created.map((g) => podGangManifest(g, namespace)));
  await createPods(kc, plan.created.flatMap((g) => gangPods(g, namespace, SCHEDULER_NAMES[input.id], input.gangAware)));
  const newPods = plan.created.flatMap(podNames);
  // The scheduler is warm: a first bind that takes a minute means nothing new fits.
  const end = await waitForBinds(tracker, newPods, { ...ctx.wait, firstBindMs: 60_000 }, input.scheduler.crashed);
  await saveMetrics(input.scheduler, ctx.env.logDir, 'churn');
  const gone = new Set(plan.deleted.map((g) => g.name));
  const alive = [...input.gangs.filter((g) => !gone.has(g.name)), ...plan.created];
  const alivePods = new Set(alive.flatMap(podNames));
  const fresh = new Set(newPods);
  const placement = new Map([...tracker.placement].filter(([pod]) => alivePods.has(pod)));
  const bindTimes = new Map([...tracker.bindTimes].filter(([pod]) => fresh.has(pod)));
  const cost = await stopScheduler(input.scheduler);
  ctx.wait.progress(`${input.id}: churn ended (${end}); ${[...fresh].filter((p) => placement.has(p)).length}/${fresh.size} new pods bound`);
  return { deleted: plan.deleted, created: plan.created, alive, bindTimes, placement, end, cost };
}
