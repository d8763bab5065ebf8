/**
 * One kind's cache, fed by one list-then-watch stream and shared by every controller that reads the
 * kind. It keeps the {@link Store}, tells when the first list is in (`synced`), and turns stream
 * events into `added`/`updated`/`deleted` notifications for handlers, which map them to keys.
 */
import { BehaviorSubject, firstValueFrom, filter, Observable, Subject, type Subscription } from 'rxjs';
import type { KubeObject, WatchEvent } from '../watch/types.js';
import type { IndexFunc } from './indexers.js';
import { raceAbort } from './race-abort.js';
import { Store } from './store.js';
import { Compactor } from './compactor.js';

export type InformerEvent<T> =
  | { readonly type: 'added'; readonly object: T }
  | { readonly type: 'updated'; readonly object: T; readonly old: T }
  | { readonly type: 'deleted'; readonly object: T };

/** Applied to every object before it is stored: drop what no controller reads. */
export type Transform<T> = (object: T) => T;

/**
 * Part of the default transform: drops `metadata.managedFields`, often the largest part of an
 * object and read by no controller (server-side apply computes ownership on the server).
 */
export function stripManagedFields<T extends KubeObject>(object: T): T {
  // Objects arrive freshly decoded and unshared, so changing them in place is safe and cheapest.
  if (object.metadata?.managedFields !== undefined) delete object.metadata.managedFields;
  return object;
}

/**
 * The transform used when none is given: {@link stripManagedFields}, then {@link Compactor} (one
 * copy of each long string across the informer's objects, smaller empty objects). The whole object
 * is kept, minus managedFields. A custom transform replaces both; it can call a `Compactor` to keep
 * the savings.
 */
export function defaultTransform<T extends KubeObject>(): Transform<T> {
  const compactor = new Compactor();
  return (object) => compactor.compact(stripManagedFields(object));
}

export interface SharedInformerOptions<T> {
  /** The list-then-watch stream; subscribed once, on {@link SharedInformer.start}. */
  source: Observable<WatchEvent<T>>;
  /** Default {@link defaultTransform}. */
  transform?: Transform<T>;
  indexers?: Record<string, IndexFunc<T>>;
  /** Called when the stream errors, which `listWatch$` never does; the informer stops then. */
  onError?: (err: unknown) => void;
}

export class SharedInformer<T extends KubeObject> {
  readonly store = new Store<T>();
  private readonly events = new Subject<InformerEvent<T>>();
  private readonly syncedSubject = new BehaviorSubject(false);
  private readonly transform: Transform<T>;
  private subscription: Subscription | undefined;

  constructor(private readonly options: SharedInformerOptions<T>) {
    this.transform = options.transform ?? defaultTransform<T>();
    for (const [name, indexFunc] of Object.entries(options.indexers ?? {})) this.store.addIndexer(name, indexFunc);
  }

  /** `true` once the first complete list is in the store; stays true across relists. */
  readonly synced$: Observable<boolean> = this.syncedSubject.asObservable();

  get hasSynced(): boolean {
    return this.syncedSubject.value;
  }

  addIndexer(name: string, indexFunc: IndexFunc<T>): void {
    this.store.addIndexer(name, indexFunc);
  }

  /** Resolves `true` once synced, or `false` if `signal` aborts first. */
  async waitForSync(signal?: AbortSignal): Promise<boolean> {
    if (this.hasSynced) return true;
    return raceAbort(firstValueFrom(this.synced$.pipe(filter(Boolean))), signal);
  }

  /**
   * Every object already stored as `added`, then every change. A handler that subscribes late
   * thus still sees the whole state, as with client-go's `AddEventHandler`.
   */
  events$(): Observable<InformerEvent<T>> {
    return new Observable<InformerEvent<T>>((subscriber) => {
      for (const object of this.store.list()) subscriber.next({ type: 'added', object });
      return this.events.subscribe(subscriber);
    });
  }

  /** Subscribes to the source; calling it again does nothing. */
  start(): void {
    if (this.subscription !== undefined) return;
    this.subscription = this.options.source.subscribe({
      next: (event) => this.apply(event),
      error: (err: unknown) => this.options.onError?.(err),
    });
  }

  /** Unsubscribes from the source (closing the watch); the store keeps its last state. */
  stop(): void {
    this.subscription?.unsubscribe();
    this.subscription = undefined;
  }

  private apply(event: WatchEvent<T>): void {
    if (event.type === 'LIST') {
      const delta = this.store.replace(event.items.map(this.transform));
      this.syncedSubject.next(true);
      for (const object of delta.deleted) this.events.next({ type: 'deleted', object });
      for (const object of delta.added) this.events.next({ type: 'added', object });
      for (const { object, old } of delta.updated) this.events.next({ type: 'updated', object, old });
      return;
    }
    const object = this.transform(event.object);
    if (event.type === 'DELETED') {
      this.store.delete(object);
      this.events.next({ type: 'deleted', object });
      return;
    }
    const old = this.store.upsert(object);
    this.events.next(old === undefined ? { type: 'added', object } : { type: 'updated', object, old });
  }
}
