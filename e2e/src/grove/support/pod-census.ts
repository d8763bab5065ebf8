/**
 * Every pod name a label selector ever matched during a scenario, from a watch that starts before
 * the workload exists (and resumes from its last resourceVersion if the server closes it). The API
 * server gives each created pod a fresh random suffix, so a controller that creates a pod twice, or
 * replaces one, shows up as extra names.
 */
import { CoreV1Api, Watch, type KubeConfig, type V1Pod } from '@kubernetes/client-node';

export class PodCensus {
  /** Every name seen, in order of first sight. */
  readonly seen = new Set<string>();
  /** Names seen deleted. */
  readonly deleted = new Set<string>();
  private readonly listeners: (() => void)[] = [];
  private abort: AbortController | undefined;
  private stopped = false;
  /** How often the watch had to be resumed; each resume lists too, so nothing present is missed. */
  restarts = 0;
  /** Errors of resumed watches (a census with gaps must not pass for a complete one). */
  readonly failures: string[] = [];

  private constructor(
    private readonly kc: KubeConfig,
    private readonly namespace: string,
    private readonly labelSelector: string,
  ) {}

  /** Lists what exists now and watches from there on. */
  static async start(kc: KubeConfig, namespace: string, labelSelector: string): Promise<PodCensus> {
    const census = new PodCensus(kc, namespace, labelSelector);
    await census.resume();
    return census;
  }

  /** Resolves once at least `count` distinct pods have been seen. */
  whenSeen(count: number): Promise<number> {
    return new Promise((resolve) => {
      const check = () => {
        if (this.seen.size < count) return false;
        resolve(this.seen.size);
        return true;
      };
      if (!check()) this.listeners.push(() => void check());
    });
  }

  stop(): void {
    this.stopped = true;
    this.abort?.abort();
  }

  private record(pod: V1Pod, deleted: boolean): void {
    const name = pod.metadata?.name;
    if (!name) return;
    this.seen.add(name);
    if (deleted) this.deleted.add(name);
    for (const listener of this.listeners) listener();
  }

  private async resume(): Promise<void> {
    if (this.stopped) return;
    // A list first, then a watch from the list's resourceVersion: no event in between is lost.
    // (After a server-side close the list catches up on what exists, not on pods that came and went.)
    const list = await this.kc.makeApiClient(CoreV1Api).listNamespacedPod({ namespace: this.namespace, labelSelector: this.labelSelector });
    for (const pod of list.items) this.record(pod, false);
    const query: Record<string, string | boolean> = { labelSelector: this.labelSelector, allowWatchBookmarks: true };
    const from = list.metadata?.resourceVersion;
    if (from) query['resourceVersion'] = from;
    this.abort = await new Watch(this.kc).watch(
      `/api/v1/namespaces/${this.namespace}/pods`,
      query,
      (phase: string, object: V1Pod) => {
        if (phase === 'ADDED' || phase === 'MODIFIED' || phase === 'DELETED') this.record(object, phase === 'DELETED');
      },
      () => {
        if (this.stopped) return;
        this.restarts += 1;
        this.resume().catch((err: unknown) => this.failures.push(String(err)));
      },
    );
  }
}
