/**
 * Watches a namespace's pods and checks invariants on every change, so a rolling update is judged
 * by everything that happened, not by a few samples.
 */
import { CoreV1Api, Watch, type KubeConfig, type V1Pod } from '@kubernetes/client-node';

export interface PodState {
  readonly uid: string;
  readonly podClique: string;
  readonly replica: string;
  readonly hash: string;
  readonly ready: boolean;
  readonly terminating: boolean;
}

export type Invariant = (pods: ReadonlyMap<string, PodState>) => string | undefined;

export class PodTimeline {
  private readonly pods = new Map<string, PodState>();
  readonly violations: string[] = [];
  /** Pods whose deletion started, in order. */
  readonly deletions: PodState[] = [];
  private stopWatch: (() => void) | undefined;

  constructor(private readonly invariants: readonly Invariant[]) {}

  /** Lists first (invariants are checked from a complete state on), then watches from that list. */
  async start(kc: KubeConfig, namespace: string): Promise<void> {
    const list = await kc.makeApiClient(CoreV1Api).listNamespacedPod({ namespace });
    for (const pod of list.items) this.pods.set(pod.metadata?.uid ?? '', stateOf(pod));
    const options = { resourceVersion: list.metadata?.resourceVersion ?? '' };
    const request = await new Watch(kc).watch(`/api/v1/namespaces/${namespace}/pods`, options, (type: string, pod: V1Pod) => this.apply(type, pod), () => undefined);
    this.stopWatch = () => request.abort();
  }

  stop(): void {
    this.stopWatch?.();
  }

  private apply(type: string, pod: V1Pod): void {
    const uid = pod.metadata?.uid ?? '';
    const before = this.pods.get(uid);
    if (type === 'DELETED') {
      this.pods.delete(uid);
    } else {
      const state = stateOf(pod);
      if (state.terminating && before?.terminating !== true) this.deletions.push(state);
      this.pods.set(uid, state);
    }
    for (const check of this.invariants) {
      const violation = check(this.pods);
      if (violation !== undefined) this.violations.push(violation);
    }
  }
}

function stateOf(pod: V1Pod): PodState {
  const labels = pod.metadata?.labels ?? {};
  return {
    uid: pod.metadata?.uid ?? '',
    podClique: labels['grove.io/podclique'] ?? '',
    replica: labels['grove.io/podcliqueset-replica-index'] ?? '',
    hash: labels['grove.io/pod-template-hash'] ?? '',
    ready: pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false,
    terminating: pod.metadata?.deletionTimestamp !== undefined,
  };
}

/** Live (not terminating) ready pods of one PodClique. */
export function readyLive(pods: ReadonlyMap<string, PodState>, podClique: string): number {
  return [...pods.values()].filter((p) => p.podClique === podClique && p.ready && !p.terminating).length;
}
