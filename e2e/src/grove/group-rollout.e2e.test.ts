/**
 * Scenario SG4 (grove-spec §6.2, §6.4; e2e RU-8, RU-14, RU-16): a RollingRecreate template change
 * of a PodCliqueScalingGroup member clique replaces whole group replicas, one at a time, lowest
 * index first, never leaving fewer than minAvailable replicas available — checked on every change of
 * the pods, the PodCliques and the PCSG, from watches. A replica added by scaling out during the
 * update is created from the new template once and never replaced; scaling away the replica being
 * replaced lets the update end.
 */
import { LABEL, PodCliqueGVK, PodCliqueScalingGroupGVK, PodCliqueSetGVK, PodGangGVK, type PodClique, type PodCliqueScalingGroup } from '@grove/api';
import type { V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { deniedRequests, eventuallyUnlessDenied, useGroveControllers, type GroveEnv } from './support/grove-suite.js';
import { label, podsOfPcs, sortedNames } from './support/kube.js';
import {
  baseGang,
  groupName,
  groupPcs,
  groupReplicaOf,
  memberCliques,
  podCliquesOf,
  podCount,
  routerName,
  shapeOf,
  uidsByName,
  type GroupWorkload,
} from './support/scaling-group.js';
import { scenario, SCENARIO_TIMEOUT_MS, type Step } from './support/steps.js';
import { groveSource, podSource, Timeline, type Invariant } from './support/timeline.js';
import { waitForReadyPods, WORKLOAD_TIMEOUT_MS } from './support/workloads.js';

/** Three group replicas replaced one after the other, each recreated, scheduled and started. */
const ROLLOUT_TIMEOUT_MS = 150_000;
const GROUP_MIN_AVAILABLE = 2;

interface PodState {
  readonly name: string;
  readonly podClique: string;
  /** uid of the PodClique that owns it. */
  readonly owner: string | undefined;
  readonly groupReplica: number | undefined;
  readonly version: string | undefined;
  readonly ready: boolean;
  readonly terminating: boolean;
}

const podState = (pod: V1Pod): PodState => ({
  name: pod.metadata?.name ?? '',
  podClique: label(pod, LABEL.podClique) ?? '',
  owner: pod.metadata?.ownerReferences?.find((o) => o.controller === true)?.uid,
  groupReplica: groupReplicaOf(pod),
  version: pod.spec?.containers[0]?.env?.find((e) => e.name === 'VERSION')?.value,
  ready: pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false,
  terminating: pod.metadata?.deletionTimestamp !== undefined,
});

interface CliqueState {
  readonly name: string;
  readonly groupReplica: number | undefined;
  readonly deleting: boolean;
  readonly ready: number;
  readonly minAvailable: number;
}

const cliqueState = (pclq: PodClique): CliqueState => ({
  name: pclq.metadata.name ?? '',
  groupReplica: groupReplicaOf(pclq),
  deleting: pclq.metadata.deletionTimestamp !== undefined,
  ready: pclq.status?.readyReplicas ?? 0,
  minAvailable: pclq.spec.minAvailable ?? pclq.spec.replicas ?? 1,
});

interface GroupState {
  readonly replicas: number | undefined;
  readonly available: number | undefined;
}

const groupState = (pcsg: PodCliqueScalingGroup): GroupState => ({ replicas: pcsg.spec.replicas, available: pcsg.status?.availableReplicas });

/** The group replicas the test currently wants (it lowers this before scaling in). */
interface Wanted {
  replicas: number;
}

/**
 * "Whole group replicas, one at a time": among the replicas that were complete once (so a replica
 * being created by a scale-out does not count until it is), at most one is incomplete at any
 * moment, and at least minAvailable are complete. `complete(states, r)` says whether replica r is.
 * `outages` lists, in order, each replica that went from complete to incomplete (so a test can
 * tell that the invariant watched the replacements, not a quiet namespace).
 */
class OneReplicaAtATime<S> {
  readonly outages: number[] = [];
  private readonly everComplete = new Set<number>();
  private readonly down = new Set<number>();

  constructor(
    private readonly what: string,
    private readonly wanted: Wanted,
    private readonly replicasIn: (states: ReadonlyMap<string, S>) => number[],
    private readonly complete: (states: ReadonlyMap<string, S>, r: number) => boolean,
  ) {}

  readonly check: Invariant<S> = (states) => {
    const indices = this.replicasIn(states).filter((r) => r < this.wanted.replicas);
    const done = new Set(indices.filter((r) => this.complete(states, r)));
    for (const r of done) {
      this.everComplete.add(r);
      this.down.delete(r);
    }
    const down = [...this.everComplete].filter((r) => r < this.wanted.replicas && !done.has(r)).sort((a, b) => a - b);
    for (const r of down) {
      if (!this.down.has(r)) this.outages.push(r);
      this.down.add(r);
    }
    if (down.length > 1) return `${this.what}: group replicas ${down.join(' and ')} are being recreated at the same time`;
    if (this.everComplete.size > 0 && done.size < GROUP_MIN_AVAILABLE) {
      return `${this.what}: only replicas [${[...done].join(', ')}] available (< minAvailable ${GROUP_MIN_AVAILABLE})`;
    }
    return undefined;
  };
}

/**
 * The PodClique (uid) each PodClique name's pods currently come from: the owner of the pod created
 * last. Pods of a deleted PodClique may outlive it for a while (garbage collection), even beside the
 * pods of its successor of the same name: they belong to a replica being recreated, not to an
 * available one. `observe` must run before the invariants that ask.
 */
class CurrentOwners {
  private readonly owners = new Map<string, string>();

  readonly observe: Invariant<PodState> = (_states, last) => {
    if (last?.change === 'added' && last.state.owner !== undefined) this.owners.set(last.state.podClique, last.state.owner);
    return undefined;
  };

  /** True unless a pod of a newer PodClique of the same name was seen. */
  isCurrent(pod: PodState): boolean {
    const owner = this.owners.get(pod.podClique);
    return owner === undefined || owner === pod.owner;
  }
}

const replicaIndices = <S extends { groupReplica: number | undefined }>(states: ReadonlyMap<string, S>): number[] =>
  [...new Set([...states.values()].flatMap((s) => (s.groupReplica === undefined ? [] : [s.groupReplica])))];

interface Watches {
  readonly pods: Timeline<V1Pod, PodState>;
  readonly cliques: Timeline<PodClique, CliqueState>;
  readonly group: Timeline<PodCliqueScalingGroup, GroupState>;
  /** Group replicas that went down (incomplete), in order, as seen on the pods and on the PodCliques. */
  readonly podOutages: readonly number[];
  readonly cliqueOutages: readonly number[];
}

async function watchRollout(env: GroveEnv, w: GroupWorkload, wanted: Wanted): Promise<Watches> {
  const { grove, kc, namespace } = env;
  const shape = shapeOf(w);
  const selector = `${LABEL.partOf}=${w.name}`;
  const owners = new CurrentOwners();
  const podsComplete = (states: ReadonlyMap<string, PodState>, r: number) =>
    (
      [
        ['leader', shape.leader.minAvailable],
        ['worker', shape.worker.minAvailable],
      ] as const
    ).every(
      ([clique, min]) =>
        [...states.values()].filter((p) => p.podClique === `${groupName(w.name)}-${r}-${clique}` && p.ready && !p.terminating && owners.isCurrent(p)).length >= min,
    );
  const cliquesComplete = (states: ReadonlyMap<string, CliqueState>, r: number) => {
    const live = [...states.values()].filter((c) => c.groupReplica === r && !c.deleting);
    return live.length === 2 && live.every((c) => c.ready >= c.minAvailable);
  };
  const podCheck = new OneReplicaAtATime('pods', wanted, replicaIndices, podsComplete);
  const cliqueCheck = new OneReplicaAtATime('PodCliques', wanted, replicaIndices, cliquesComplete);
  const pods = await Timeline.start(podSource(kc, namespace, selector), podState, [owners.observe, podCheck.check]);
  const cliques = await Timeline.start(groveSource(grove, PodCliqueGVK, namespace, selector), cliqueState, [cliqueCheck.check]);
  const group = await Timeline.start(groveSource(grove, PodCliqueScalingGroupGVK, namespace, selector), groupState, [
    (states) => {
      const low = [...states.values()].find((s) => s.available !== undefined && s.available < GROUP_MIN_AVAILABLE);
      return low === undefined ? undefined : `PCSG status.availableReplicas ${String(low.available)} (< minAvailable ${GROUP_MIN_AVAILABLE})`;
    },
  ]);
  return { pods, cliques, group, podOutages: podCheck.outages, cliqueOutages: cliqueCheck.outages };
}

/** Sets env VERSION of the worker clique's container (the only template change). */
async function changeWorkerVersion(env: GroveEnv, pcs: string, version: string): Promise<void> {
  const { grove, namespace } = env;
  const live = await grove.get(PodCliqueSetGVK, { namespace, name: pcs });
  const cliques = live.spec.template.cliques.map((c) =>
    c.name !== 'worker'
      ? c
      : { ...c, spec: { ...c.spec, podSpec: { ...c.spec.podSpec, containers: c.spec.podSpec.containers.map((k) => ({ ...k, env: [{ name: 'VERSION', value: version }] })) } } },
  );
  await grove.apply(PodCliqueSetGVK, { metadata: { name: pcs, namespace }, spec: { ...live.spec, template: { ...live.spec.template, cliques } } }, { fieldManager: 'grove-e2e', force: true });
}

/** Brings the workload up and returns its pods, once the PCS has recorded its generation hash. */
async function bringUp(env: GroveEnv, w: GroupWorkload, step: Step): Promise<V1Pod[]> {
  step(`create ${w.name}: router (1) + PCSG sg of leader (1/1) and worker (2/2), ${w.groupReplicas} replicas, minAvailable ${w.groupMinAvailable}, RollingRecreate, worker VERSION=v1`);
  await env.grove.create(PodCliqueSetGVK, groupPcs(w));
  const pods = await waitForReadyPods(env, w.name, podCount(w));
  await eventuallyUnlessDenied(
    env,
    `${w.name} available with its generation hash recorded`,
    async () => {
      const pcs = await env.grove.get(PodCliqueSetGVK, { namespace: env.namespace, name: w.name });
      expect(pcs.status?.currentGenerationHash, 'PodCliqueSet status.currentGenerationHash').toBeDefined();
      expect(pcs.status?.availableReplicas, 'PodCliqueSet status.availableReplicas').toBe(1);
      const pcsg = await env.grove.get(PodCliqueScalingGroupGVK, { namespace: env.namespace, name: groupName(w.name) });
      expect(pcsg.status?.availableReplicas, 'PCSG status.availableReplicas').toBe(w.groupReplicas);
    },
    { timeoutMs: WORKLOAD_TIMEOUT_MS, intervalMs: 1_000 },
  );
  return pods;
}

/** Waits for the end of the update: PCS and PCSG records ended, every pod Ready, every worker on v2. */
async function waitForUpdateEnd(env: GroveEnv, w: GroupWorkload, groupReplicas: number): Promise<V1Pod[]> {
  return eventuallyUnlessDenied(
    env,
    `the end of the update of ${w.name}`,
    async () => {
      const pcs = await env.grove.get(PodCliqueSetGVK, { namespace: env.namespace, name: w.name });
      expect(pcs.status?.updateProgress?.updateStartedAt, 'PCS status.updateProgress.updateStartedAt').toBeDefined();
      expect(pcs.status?.updateProgress?.updateEndedAt, 'PCS status.updateProgress.updateEndedAt').toBeDefined();
      const pcsg = await env.grove.get(PodCliqueScalingGroupGVK, { namespace: env.namespace, name: groupName(w.name) });
      expect(pcsg.status?.updateProgress?.updateEndedAt, 'PCSG status.updateProgress.updateEndedAt').toBeDefined();
      expect(pcsg.status?.updatedReplicas, 'PCSG status.updatedReplicas').toBe(groupReplicas);
      expect(pcs.status?.updatedReplicas, 'PCS status.updatedReplicas').toBe(1);
      const pods = await waitForReadyPods(env, w.name, podCount(w, groupReplicas), 1);
      const workers = pods.filter((p) => label(p, LABEL.podClique)?.endsWith('-worker'));
      expect(workers.map((p) => podState(p).version), 'VERSION of the worker pods').toEqual(workers.map(() => 'v2'));
      return pods;
    },
    { timeoutMs: ROLLOUT_TIMEOUT_MS, intervalMs: 1_000 },
  );
}

/**
 * The progress fields once the update ended (§1.1, §1.3, §6.2, §6.6): the PCS counts its one
 * standalone PodClique and its one PCSG as updated and updates no replica any more; the PCSG counts
 * replicas × 2 member PodCliques, all updated, and reports the PCS's generation hash as converged.
 */
async function checkProgressFields(env: GroveEnv, w: GroupWorkload, groupReplicas: number): Promise<void> {
  await eventuallyUnlessDenied(
    env,
    `the progress fields of ${w.name} after its update`,
    async () => {
      const pcs = await env.grove.get(PodCliqueSetGVK, { namespace: env.namespace, name: w.name });
      const pcsg = await env.grove.get(PodCliqueScalingGroupGVK, { namespace: env.namespace, name: groupName(w.name) });
      const { updateStartedAt: _s, updateEndedAt: _e, ...pcsProgress } = pcs.status?.updateProgress ?? {};
      expect({ currentlyUpdating: [], ...pcsProgress }, 'PCS status.updateProgress').toEqual({
        updatedPodCliquesCount: 1,
        totalPodCliquesCount: 1,
        updatedPodCliqueScalingGroupsCount: 1,
        totalPodCliqueScalingGroupsCount: 1,
        currentlyUpdating: [],
      });
      expect(pcsg.status?.currentPodCliqueSetGenerationHash, 'PCSG status.currentPodCliqueSetGenerationHash').toBe(pcs.status?.currentGenerationHash);
      expect(
        { updated: pcsg.status?.updateProgress?.updatedPodCliquesCount, total: pcsg.status?.updateProgress?.totalPodCliquesCount },
        `PCSG status.updateProgress.{updated,total}PodCliquesCount (${groupReplicas} replicas × 2 cliques): ${JSON.stringify(pcsg.status?.updateProgress)}`,
      ).toEqual({ updated: 2 * groupReplicas, total: 2 * groupReplicas });
    },
    { timeoutMs: 30_000, intervalMs: 1_000 },
  );
}

/** PodClique uids whose deletion was seen, in order, with their group replica. */
function deletions(cliques: Timeline<PodClique, CliqueState>): { uid: string; state: CliqueState }[] {
  const seen = new Set<string>();
  return cliques.transitions.flatMap((t) => {
    if ((!t.state.deleting && t.change !== 'deleted') || seen.has(t.uid)) return [];
    seen.add(t.uid);
    return [{ uid: t.uid, state: t.state }];
  });
}

/** `outages`: the group replicas expected to go down, in order; `scaledAway` may follow (seen or not before the scale-in). */
function checkWatches(watches: Watches, outages: readonly number[], scaledAway?: number): void {
  for (const [seen, what] of [
    [watches.podOutages, 'pods'],
    [watches.cliqueOutages, 'PodCliques'],
  ] as const) {
    const tail = seen.slice(outages.length);
    expect(seen.slice(0, outages.length), `group replicas that went down, in order, seen on the ${what}: ${seen.join(', ')}`).toEqual(outages);
    expect(tail.filter((r) => r !== scaledAway), `further outages seen on the ${what}`).toEqual([]);
  }
  expect(watches.pods.violations, 'invariant violations seen on the pods').toEqual([]);
  expect(watches.cliques.violations, 'invariant violations seen on the PodCliques').toEqual([]);
  expect(watches.group.violations, 'invariant violations seen on the PCSG').toEqual([]);
  expect([...watches.pods.gaps, ...watches.cliques.gaps, ...watches.group.gaps], 'gaps in the watches').toEqual([]);
}

describe('PodCliqueScalingGroup rolling recreate', () => {
  const env = useGroveControllers('group-ru');

  it('SG4 a member clique change replaces group replicas 0, 1, 2 one at a time (≥ minAvailable 2 available); a replica scaled out mid-update comes with the new template, once', async (ctx) => {
    const step = scenario(ctx, 'SG4 PCSG rolling recreate with scale-out');
    const { grove, namespace } = env();
    const w: GroupWorkload = { name: 'ru-out', namespace, groupReplicas: 3, groupMinAvailable: GROUP_MIN_AVAILABLE, worker: { replicas: 2, minAvailable: 2 }, updateStrategy: 'RollingRecreate' };
    const wanted: Wanted = { replicas: 3 };
    const before = await bringUp(env(), w, step);
    const cliquesBefore = uidsByName(await podCliquesOf(env(), w.name));

    step('follow every change of the pods, PodCliques and the PCSG, checking the one-replica-at-a-time and minAvailable invariants');
    const watches = await watchRollout(env(), w, wanted);
    try {
      step('change the worker template: env VERSION=v2');
      await changeWorkerVersion(env(), w.name, 'v2');

      step('as soon as the first PodClique deletion is seen, scale the PCSG 3 → 4 (setScale)');
      await watches.cliques.until(() => deletions(watches.cliques).length > 0);
      wanted.replicas = 4;
      await grove.setScale(PodCliqueScalingGroupGVK, { namespace, name: groupName(w.name) }, 4);
      const during = await grove.get(PodCliqueScalingGroupGVK, { namespace, name: groupName(w.name) });
      expect(during.status?.updateProgress?.updateEndedAt, 'the PCSG update had not ended when it was scaled out').toBeUndefined();

      step('wait for the update to end: PCS and PCSG updateEndedAt, 13 pods Ready, every worker on VERSION=v2');
      const after = await waitForUpdateEnd(env(), w, 4);

      step('the invariants held on every change; PodCliques were deleted replica by replica: 0, 1, 2');
      checkWatches(watches, [0, 1, 2]);
      const deleted = deletions(watches.cliques);
      expect(deleted.map((d) => d.state.groupReplica), 'group replica of each deleted PodClique, in order').toEqual([0, 0, 1, 1, 2, 2]);
      const original = [...cliquesBefore].filter(([name]) => name !== routerName(w.name)).map(([, uid]) => uid);
      expect(deleted.map((d) => d.uid).sort(), 'the deleted PodCliques: the 6 members present before the update').toEqual(original.sort());

      step('replica 3 was created once, from the new template: its PodCliques and pods were never deleted, its workers always VERSION=v2');
      const added3 = watches.pods.transitions.filter((t) => t.change === 'added' && t.state.groupReplica === 3);
      expect(new Set(added3.map((t) => t.uid)).size, 'pods ever created for replica 3').toBe(3);
      expect(added3.filter((t) => t.state.podClique.endsWith('-worker')).map((t) => t.state.version), 'VERSION of replica 3 workers at creation').toEqual(['v2', 'v2']);
      const deleted3 = watches.pods.transitions.filter((t) => t.state.groupReplica === 3 && (t.state.terminating || t.change === 'deleted'));
      expect(deleted3.map((t) => t.state.name), 'pods of replica 3 deleted').toEqual([]);

      step('every group pod is new, every worker on one new grove.io/pod-template-hash, the router pod is the same');
      const hashes = (pods: readonly V1Pod[]) => [...new Set(pods.filter((p) => label(p, LABEL.podClique)?.endsWith('-worker')).map((p) => label(p, LABEL.podTemplateHash)))];
      const [oldHash] = hashes(before);
      const newHashes = hashes(after);
      expect(newHashes.length, `worker pod-template-hashes after the update: ${newHashes.join(', ')}`).toBe(1);
      expect(newHashes[0], 'the worker pod-template-hash after the update').not.toBe(oldHash);
      const oldUids = new Set(before.map((p) => p.metadata?.uid));
      const group = after.filter((p) => groupReplicaOf(p) !== undefined);
      expect(group.filter((p) => oldUids.has(p.metadata?.uid)).map((p) => p.metadata?.name), 'group pods from before the update').toEqual([]);
      const router = (pods: readonly V1Pod[]) => pods.filter((p) => label(p, LABEL.podClique) === routerName(w.name)).map((p) => p.metadata?.uid);
      expect(router(after), 'the router pod (its template did not change)').toEqual(router(before));
      expect(sortedNames(await podCliquesOf(env(), w.name)), 'PodCliques').toEqual([routerName(w.name), ...memberCliques(w.name, 4)].sort());

      step('no request of either controller was refused (RBAC)');
      expect(deniedRequests(env()), 'requests the API server refused to the controllers during this test').toEqual([]);

      step('progress fields: PCS counts 1/1 PodCliques and 1/1 PCSGs updated, nothing currently updating; PCSG 8/8 PodCliques updated, hash converged');
      await checkProgressFields(env(), w, 4);
    } finally {
      watches.pods.stop();
      watches.cliques.stop();
      watches.group.stop();
    }
  }, SCENARIO_TIMEOUT_MS);

  it('SG4b scaling in 3 → 2 while the last replica is being replaced ends the update with 2 replicas on the new template', async (ctx) => {
    const step = scenario(ctx, 'SG4b PCSG rolling recreate with scale-in of the replica being replaced');
    const { grove, kc, namespace } = env();
    const w: GroupWorkload = { name: 'ru-in', namespace, groupReplicas: 3, groupMinAvailable: GROUP_MIN_AVAILABLE, worker: { replicas: 2, minAvailable: 2 }, updateStrategy: 'RollingRecreate' };
    const wanted: Wanted = { replicas: 3 };
    await bringUp(env(), w, step);

    step('follow every change of the pods, PodCliques and the PCSG, checking the one-replica-at-a-time and minAvailable invariants');
    const watches = await watchRollout(env(), w, wanted);
    try {
      step('change the worker template: env VERSION=v2');
      await changeWorkerVersion(env(), w.name, 'v2');

      step('as soon as replica 2 (the last) is being replaced, scale the PCSG 3 → 2 (setScale)');
      await watches.cliques.until(() => deletions(watches.cliques).some((d) => d.state.groupReplica === 2));
      wanted.replicas = 2;
      await grove.setScale(PodCliqueScalingGroupGVK, { namespace, name: groupName(w.name) }, 2);
      const during = await grove.get(PodCliqueScalingGroupGVK, { namespace, name: groupName(w.name) });
      expect(during.status?.updateProgress?.updateEndedAt, 'the PCSG update had not ended when it was scaled in').toBeUndefined();

      step('wait for the update to end: PCS and PCSG updateEndedAt, 7 pods Ready, every worker on VERSION=v2');
      await waitForUpdateEnd(env(), w, 2);

      step('nothing of replica 2 is left: PodCliques, pods (even terminating), PodGangs');
      await eventuallyUnlessDenied(
        env(),
        'replica 2 gone',
        async () => {
          expect(sortedNames(await podCliquesOf(env(), w.name)), 'PodCliques').toEqual([routerName(w.name), ...memberCliques(w.name, 2)].sort());
          const stray = (await podsOfPcs(kc, namespace, w.name)).filter((p) => groupReplicaOf(p) === 2).map((p) => p.metadata?.name);
          expect(stray, 'pods of replica 2').toEqual([]);
          const gangs = await grove.list(PodGangGVK, { namespace, labelSelector: `${LABEL.partOf}=${w.name}` });
          expect(sortedNames(gangs.items), 'PodGangs (replicas 0 and 1 are in the base gang)').toEqual([baseGang(w.name)]);
        },
        { timeoutMs: 60_000, intervalMs: 1_000 },
      );

      step('the invariants held on every change; replicas 0 and 1 were replaced in order');
      checkWatches(watches, [0, 1], 2);
      const order = deletions(watches.cliques).map((d) => d.state.groupReplica);
      expect(order.slice(0, 4), 'group replica of the first 4 deleted PodCliques, in order').toEqual([0, 0, 1, 1]);
      expect(order.slice(4).every((r) => r === 2), `then only replica 2's (replaced, then scaled away): ${order.join(', ')}`).toBe(true);

      step('no request of either controller was refused (RBAC)');
      expect(deniedRequests(env()), 'requests the API server refused to the controllers during this test').toEqual([]);

      step('progress fields: PCS counts 1/1 PodCliques and 1/1 PCSGs updated, nothing currently updating; PCSG 4/4 PodCliques updated, hash converged');
      await checkProgressFields(env(), w, 2);
    } finally {
      watches.pods.stop();
      watches.cliques.stop();
      watches.group.stop();
    }
  }, SCENARIO_TIMEOUT_MS);
});
