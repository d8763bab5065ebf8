/**
 * Watches the benchmark namespace's pods (the SDK's list-then-watch informer) and records, like
 * scheduler_perf's collector, when each pod was first seen with a `nodeName`, and where every live
 * pod is bound. Times are `performance.now()` ms relative to the origin set by {@link mark}.
 */
import { performance } from 'node:perf_hooks';
import type { KubeConfig } from '@kubernetes/client-node';
import { BUILTIN, httpTransport, listWatch$ } from '@grove/watch-sdk/watch';
import { SharedInformer, type InformerEvent } from '@grove/watch-sdk/informer';

/** All the tracker keeps of a pod. */
interface SlimPod {
  metadata?: { name?: string; namespace?: string; resourceVersion?: string };
  spec?: { nodeName?: string };
}

function slim(pod: SlimPod): SlimPod {
  const { name, namespace, resourceVersion } = pod.metadata ?? {};
  const nodeName = pod.spec?.nodeName;
  return {
    metadata: { ...(name !== undefined && { name }), ...(namespace !== undefined && { namespace }), ...(resourceVersion !== undefined && { resourceVersion }) },
    spec: nodeName ? { nodeName } : {},
  };
}

export class BindTracker {
  private readonly informer: SharedInformer<SlimPod>;
  private origin = performance.now();
  /** Pod name → ms since the origin when it was first seen bound (since the last {@link mark}). */
  readonly bindTimes = new Map<string, number>();
  /** Pod name → node, for every live bound pod. */
  readonly placement = new Map<string, string>();
  private lastBind: number | undefined;

  constructor(kc: KubeConfig, namespace: string) {
    const source = listWatch$<SlimPod>(httpTransport(kc), BUILTIN.pods, { namespace });
    this.informer = new SharedInformer<SlimPod>({ source, transform: slim });
    this.informer.events$().subscribe((event) => this.onEvent(event));
  }

  async start(): Promise<void> {
    this.informer.start();
    await this.informer.waitForSync();
  }

  stop(): void {
    this.informer.stop();
  }

  /** Starts a new pass: times are measured from now, and earlier bind times are forgotten. */
  mark(): void {
    this.origin = performance.now();
    this.bindTimes.clear();
    this.lastBind = undefined;
  }

  /** ms since the origin of the last bind seen in this pass. */
  get lastBindMs(): number | undefined {
    return this.lastBind;
  }

  /** ms since the origin. */
  elapsedMs(): number {
    return performance.now() - this.origin;
  }

  get livePods(): number {
    return this.informer.store.size;
  }

  private onEvent(event: InformerEvent<SlimPod>): void {
    const name = event.object.metadata?.name ?? '';
    if (event.type === 'deleted') {
      this.placement.delete(name);
      return;
    }
    const node = event.object.spec?.nodeName;
    if (!node || this.placement.has(name)) return;
    this.placement.set(name, node);
    const at = performance.now() - this.origin;
    this.bindTimes.set(name, at);
    this.lastBind = at;
  }
}
