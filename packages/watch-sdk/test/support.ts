/** Helpers of the watch-sdk integration tests: the kind they watch, and a transport a test can cut. */
import { CoreV1Api, type KubeConfig, type V1ConfigMap } from '@kubernetes/client-node';
import { defer, from, Observable, switchMap, type Subscriber } from 'rxjs';
import { httpTransport, WatchError, type ListWatchTransport, type ListRequest, type WatchRequest, type RawWatchEvent } from '../src/watch/index.js';
import type { SharedInformer } from '../src/informer/index.js';
import type { KubeObject } from '../src/watch/index.js';

export const CONFIGMAPS = { group: '', version: 'v1', plural: 'configmaps', namespaced: true } as const;

/** Short backoff so reconnects happen within a test's patience. */
export const FAST_STREAMS = { backoff: { initialMs: 100, maxMs: 1000, jitter: 0.2 } };

/** name → data of the config maps the server has (the truth a cache must converge to). */
export async function serverState(kc: KubeConfig, namespace: string, labelSelector?: string): Promise<Record<string, unknown>> {
  const list = await kc.makeApiClient(CoreV1Api).listNamespacedConfigMap({ namespace, ...(labelSelector && { labelSelector }) });
  return Object.fromEntries(list.items.map((cm) => [cm.metadata?.name, cm.data ?? {}]));
}

export function cacheState(informer: SharedInformer<KubeObject & { data?: Record<string, string> }>): Record<string, unknown> {
  return Object.fromEntries(informer.store.list().map((cm) => [cm.metadata?.name, cm.data ?? {}]));
}

export function configMap(name: string, data: Record<string, string>, labels: Record<string, string> = {}): V1ConfigMap {
  return { metadata: { name, labels }, data };
}

/**
 * The real HTTP transport, plus `drop()`: breaks every open watch as a lost connection would, and
 * holds new requests until `release()`, so a test can change the world while the stream is away.
 */
export class DroppableTransport implements ListWatchTransport {
  readonly lists: ListRequest[] = [];
  readonly watches: WatchRequest[] = [];
  private readonly inner: ListWatchTransport;
  private readonly open = new Set<Subscriber<RawWatchEvent>>();
  private held: Promise<void> = Promise.resolve();
  private releaseHeld: () => void = () => undefined;

  constructor(kc: KubeConfig) {
    this.inner = httpTransport(kc);
  }

  list(request: ListRequest) {
    this.lists.push(request);
    return defer(() => from(this.held)).pipe(switchMap(() => this.inner.list(request)));
  }

  watch(request: WatchRequest): Observable<RawWatchEvent> {
    this.watches.push(request);
    return new Observable<RawWatchEvent>((subscriber) => {
      this.open.add(subscriber);
      const inner = from(this.held).pipe(switchMap(() => this.inner.watch(request))).subscribe(subscriber);
      return () => {
        this.open.delete(subscriber);
        inner.unsubscribe();
      };
    });
  }

  drop(): void {
    this.held = new Promise((resolve) => (this.releaseHeld = resolve));
    for (const subscriber of [...this.open]) subscriber.error(new WatchError('ERR_WATCH_CONNECTION', 'dropped by the test'));
  }

  release(): void {
    this.releaseHeld();
  }
}
