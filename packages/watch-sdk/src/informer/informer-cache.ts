/**
 * The process's informers, one per kind and selection however many controllers ask for it, so a
 * kind is listed and watched once. Built once in `main.ts` (by the manager) and passed down; never a
 * module-level singleton.
 */
import { listWatch$, type ListWatchObserver, type ListWatchOptions } from '../watch/list-watch.js';
import { selectionId, type Selection, type WatchResource } from '../watch/resource.js';
import type { ListWatchTransport } from '../watch/transport.js';
import type { KubeObject } from '../watch/types.js';
import type { IndexFunc } from './indexers.js';
import { raceAbort } from './race-abort.js';
import { SharedInformer, type Transform } from './shared-informer.js';

export interface InformerCacheDeps {
  transport: ListWatchTransport;
  /** Hooks per informer (named by its selection id), for logs and metrics. */
  observer?: (id: string) => ListWatchObserver;
  /** Options for every stream (backoff, page size, watch timeout). */
  streamOptions?: Omit<ListWatchOptions, keyof Selection | 'observer'>;
}

export interface InformerOptions<T> extends Selection {
  /** Added to the informer's store; a name already present is kept as it is. */
  indexers?: Record<string, IndexFunc<T>>;
  /** Only used by the first caller for a selection: the informer is shared. */
  transform?: Transform<T>;
}

export class InformerCache {
  private readonly informers = new Map<string, SharedInformer<KubeObject>>();
  private started = false;

  constructor(private readonly deps: InformerCacheDeps) {}

  /** The shared informer of `resource` and `options`' selection, created on first request. */
  informer<T extends KubeObject>(resource: WatchResource, options: InformerOptions<T> = {}): SharedInformer<T> {
    const id = selectionId(resource, options);
    let informer = this.informers.get(id) as SharedInformer<T> | undefined;
    if (informer === undefined) {
      informer = this.create<T>(id, resource, options);
      this.informers.set(id, informer as unknown as SharedInformer<KubeObject>);
      if (this.started) informer.start();
    }
    for (const [name, indexFunc] of Object.entries(options.indexers ?? {})) informer.addIndexer(name, indexFunc);
    return informer;
  }

  /** Starts every informer, and any created later at once. */
  start(): void {
    this.started = true;
    for (const informer of this.informers.values()) informer.start();
  }

  stop(): void {
    this.started = false;
    for (const informer of this.informers.values()) informer.stop();
  }

  /** True once every informer has its first list. */
  get hasSynced(): boolean {
    return [...this.informers.values()].every((informer) => informer.hasSynced);
  }

  /** Resolves `true` once every informer is synced, `false` if `signal` aborts first. */
  async waitForSync(signal?: AbortSignal): Promise<boolean> {
    // One abort listener for all informers (one each would trip Node's max-listeners warning).
    const all = Promise.all([...this.informers.values()].map((informer) => informer.waitForSync())).then((results) => results.every(Boolean));
    return raceAbort(all, signal);
  }

  private create<T extends KubeObject>(id: string, resource: WatchResource, options: InformerOptions<T>): SharedInformer<T> {
    const { indexers: _indexers, transform, ...selection } = options;
    const streamOptions: ListWatchOptions = {
      ...this.deps.streamOptions,
      ...selection,
      ...(this.deps.observer && { observer: this.deps.observer(id) }),
    };
    const source = listWatch$<T>(this.deps.transport, resource, streamOptions);
    return new SharedInformer<T>({ source, ...(transform && { transform }) });
  }
}
