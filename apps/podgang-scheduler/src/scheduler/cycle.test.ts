import { afterEach, describe, expect, it } from 'vitest';
import type { V1Pod } from '@kubernetes/client-node';
import { KubeApiError } from '@grove/watch-sdk/writes';
import { aNode, aPod, aPodGang, gangPods } from '../../test/support/builders.js';
import { flush, schedulerHarness } from '../../test/support/scheduler-harness.js';

const gpus = (n: number) => ({ requests: { 'nvidia.com/gpu': String(n) } });
let h: ReturnType<typeof schedulerHarness>;
afterEach(() => h.stop());

function deploy(name: string, count: number, podGpus: number, o: { created?: string; priorityClassName?: string; gated?: boolean } = {}): V1Pod[] {
  const pods = gangPods(name, count, { gang: name, clique: `${name}-c`, ...gpus(podGpus), ...(o.gated && { gated: true }) });
  const gang = aPodGang(name, [{ name: `${name}-c`, min: count, pods: pods.map((p) => p.metadata?.name ?? '') }], {
    ...(o.created && { created: o.created }),
    ...(o.priorityClassName && { priorityClassName: o.priorityClassName }),
  });
  h.feeds.gangs.add(gang);
  for (const pod of pods) h.feeds.pods.add(pod);
  return pods;
}

const boundPods = () => h.recorded.bindings.map((b) => b.pod).sort();
const conditionOf = (gang: string) => h.recorded.gangStatus.filter((g) => g.metadata.name === gang).at(-1)?.status?.conditions?.find((c) => c.type === 'Scheduled');

describe('scheduling cycle', () => {
  it('binds a whole gang and never books the same GPUs twice for the next one, before any binding is seen', async () => {
    h = schedulerHarness();
    for (const n of ['n1', 'n2', 'n3']) h.feeds.nodes.add(aNode(n, { gpu: 8 }));
    deploy('a', 2, 8, { created: '2026-01-01T00:00:00Z' });
    deploy('b', 2, 8, { created: '2026-01-01T00:00:01Z' });
    await h.settle();
    expect(boundPods()).toEqual(['ns/a-0', 'ns/a-1']);
    expect(new Set(h.recorded.bindings.map((b) => b.node)).size).toBe(2);
    expect(conditionOf('a')).toMatchObject({ status: 'True', reason: 'Scheduled' });
    expect(conditionOf('b')).toMatchObject({ status: 'False', reason: 'Unschedulable' });
    expect(h.recorded.events.filter((e) => e.reason === 'Scheduled').map((e) => e.message)).toEqual(expect.arrayContaining(['Successfully assigned ns/a-0 to ' + h.recorded.bindings[0]?.node]));
  });

  it('keeps an unschedulable gang whole: no pod bound, status and pods say why, once', async () => {
    h = schedulerHarness();
    h.feeds.nodes.add(aNode('n1', { gpu: 8 }));
    deploy('g', 3, 4);
    await h.settle();
    expect(h.recorded.bindings).toEqual([]);
    const condition = conditionOf('g');
    expect(condition).toMatchObject({ status: 'False', reason: 'Unschedulable' });
    expect(condition?.message).not.toBe('');
    expect(h.recorded.podStatus.map((w) => w.pod).sort()).toEqual(['ns/g-0', 'ns/g-1', 'ns/g-2']);
    expect(h.recorded.events.filter((e) => e.reason === 'FailedScheduling' && e.involvedObject.kind === 'PodGang')).toHaveLength(1);
    // A change that cannot help (a heartbeat) does not retry; the slow safety re-check does, and a
    // failure with the same message writes nothing new.
    h.feeds.nodes.update(aNode('n1', { gpu: 8 }));
    h.clock.advance(30_000);
    expect(await h.settle()).toBe(0);
    h.clock.advance(30_000);
    expect(await h.settle()).toBe(1);
    expect(h.recorded.podStatus).toHaveLength(3);
    expect(h.recorded.events.filter((e) => e.reason === 'FailedScheduling')).toHaveLength(4);
  });

  it('a unit activated while backing off gets a timer for its floor, though no cycle runs meanwhile', async () => {
    h = schedulerHarness();
    h.feeds.nodes.add(aNode('n1', { gpu: 8, unschedulable: true }));
    h.feeds.nodes.add(aNode('n2', { gpu: 8, unschedulable: true }));
    deploy('g', 3, 4);
    await h.settle();
    h.feeds.nodes.update(aNode('n1', { gpu: 8 }));
    expect(await h.settle()).toBe(0); // within the 1 s floor: the retry waits for its timer
    h.clock.advance(1_000);
    expect(await h.settle()).toBe(1); // 8 of 12 GPUs: unschedulable, 2 s floor now
    h.feeds.nodes.update(aNode('n2', { gpu: 8 }));
    expect(await h.settle()).toBe(0);
    h.clock.advance(2_000);
    await h.settle();
    expect(boundPods()).toEqual(['ns/g-0', 'ns/g-1', 'ns/g-2']);
  });

  it('retries a parked gang when capacity appears (after its backoff floor), binding all of it', async () => {
    h = schedulerHarness();
    h.feeds.nodes.add(aNode('n1', { gpu: 8, unschedulable: true }));
    deploy('g', 2, 4);
    await h.settle();
    expect(h.recorded.bindings).toEqual([]);
    h.feeds.nodes.update(aNode('n1', { gpu: 8 }));
    expect(await h.settle()).toBe(0); // the 1 s floor
    h.clock.advance(1_000);
    await h.settle();
    expect(boundPods()).toEqual(['ns/g-0', 'ns/g-1']);
  });

  it('waits for gated pods, and schedules once they are ungated', async () => {
    h = schedulerHarness();
    h.feeds.nodes.add(aNode('n1', { gpu: 8 }));
    const pods = deploy('g', 2, 1, { gated: true });
    await h.settle();
    h.feeds.pods.update(aPod('g-0', { gang: 'g', clique: 'g-c', ...gpus(1) }));
    await h.settle();
    expect(h.recorded.bindings).toEqual([]); // one of two: not ready
    expect(h.deps.queue.stateOf('gang:ns/g')).toBe('waiting');
    h.feeds.pods.update({ ...(pods[1] as V1Pod), spec: { ...(pods[1]?.spec as NonNullable<V1Pod['spec']>), schedulingGates: [] } });
    await h.settle();
    expect(boundPods()).toEqual(['ns/g-0', 'ns/g-1']);
  });

  it('orders gangs by PriorityClass value, then age', async () => {
    h = schedulerHarness();
    h.feeds.priorityClasses.add({ metadata: { name: 'high' }, value: 1000 });
    h.feeds.nodes.add(aNode('n1', { gpu: 8 }));
    deploy('old', 1, 8, { created: '2026-01-01T00:00:00Z' });
    deploy('vip', 1, 8, { created: '2026-01-01T00:00:05Z', priorityClassName: 'high' });
    await h.settle();
    expect(boundPods()).toEqual(['ns/vip-0']);
  });

  it('places pods without a PodGang one by one; leaves other schedulers’ pods alone', async () => {
    h = schedulerHarness();
    h.feeds.nodes.add(aNode('n1', { gpu: 8 }));
    h.feeds.pods.add(aPod('solo', gpus(2)));
    h.feeds.pods.add(aPod('theirs', { ...gpus(2), scheduler: 'default-scheduler' }));
    await h.settle();
    expect(h.recorded.bindings).toEqual([{ pod: 'ns/solo', node: 'n1' }]);
  });

  it('a binding that fails for good: the bound pods stay, the others are forgotten, and the gang retries pinned to them', async () => {
    h = schedulerHarness();
    h.feeds.nodes.add(aNode('n1', { gpu: 8 }));
    h.feeds.nodes.add(aNode('n2', { gpu: 8 }));
    const pods = deploy('g', 2, 8);
    h.recorded.bindErrors.set('ns/g-1', new KubeApiError('ERR_KUBE_API_STATUS', '403 forbidden', { status: 403 }));
    await h.settle();
    expect(boundPods()).toEqual(['ns/g-0']);
    const bound = h.recorded.bindings[0]?.node ?? '';
    const other = bound === 'n1' ? 'n2' : 'n1';
    expect(h.deps.state.assumedNode('ns/g-1')).toBeUndefined();
    expect(h.deps.state.snapshot.free(other)['nvidia.com/gpu']).toBe(8);
    expect(h.recorded.events.some((e) => e.reason === 'FailedScheduling' && e.message.startsWith('binding failed for 1 of 2 pods'))).toBe(true);
    // The cache shows g-0 bound; the retry places only g-1.
    h.feeds.pods.update({ ...(pods[0] as V1Pod), spec: { ...(pods[0]?.spec as NonNullable<V1Pod['spec']>), nodeName: bound } });
    h.recorded.bindErrors.clear();
    h.clock.advance(1_000);
    await h.settle();
    expect(h.recorded.bindings.map((b) => b.pod)).toEqual(['ns/g-0', 'ns/g-1']);
    expect(h.recorded.bindings[1]?.node).toBe(other);
  });

  it('a pod deleted mid-bind (404) releases its assumption; its replacement completes the gang', async () => {
    h = schedulerHarness();
    h.feeds.nodes.add(aNode('n1', { gpu: 8 }));
    const pods = deploy('g', 2, 4);
    h.recorded.bindErrors.set('ns/g-1', new KubeApiError('ERR_KUBE_API_STATUS', '404 not found', { status: 404 }));
    await h.settle();
    expect(boundPods()).toEqual(['ns/g-0']);
    expect(h.deps.state.snapshot.free('n1')['nvidia.com/gpu']).toBe(4);
    h.feeds.pods.update({ ...(pods[0] as V1Pod), spec: { ...(pods[0]?.spec as NonNullable<V1Pod['spec']>), nodeName: 'n1' } });
    h.feeds.pods.remove(pods[1] as V1Pod);
    h.recorded.bindErrors.clear();
    h.feeds.pods.add(aPod('g-1', { gang: 'g', clique: 'g-c', uid: 'uid-replacement', ...gpus(4) }));
    h.clock.advance(1_000);
    await h.settle();
    expect(boundPods()).toEqual(['ns/g-0', 'ns/g-1']);
    await flush();
  });
});
