/**
 * The objects of one kind in a namespace, followed change by change: a list, then a watch from the
 * list's resourceVersion (resumed from the last version seen if the server ends it), with
 * invariants checked after every change. A rollout or a recovery is judged by every state it went
 * through, not by a few samples; `transitions` keeps each change for assertions on order.
 */
import type { GroveClient, GroveDescriptor, ObjectOf } from '@grove/api';
import { CoreV1Api, Watch, type KubeConfig, type V1Pod } from '@kubernetes/client-node';

export type Change = 'added' | 'modified' | 'deleted';

export interface Transition<S> {
  readonly change: Change;
  /** The object's uid. */
  readonly uid: string;
  readonly state: S;
}

/**
 * A violation message, or undefined when the states (keyed by uid) are fine. Checked once on the
 * listed state (`last` undefined), then after every change.
 */
export type Invariant<S> = (states: ReadonlyMap<string, S>, last: Transition<S> | undefined) => string | undefined;

interface WatchEnd {
  /** Why the server ended it, when it was an error (e.g. 410 Gone: resourceVersion too old). */
  readonly error: string | undefined;
}

/** How one kind is listed and watched. */
export interface Source<T> {
  readonly what: string;
  list(): Promise<{ items: readonly T[]; resourceVersion: string | undefined }>;
  /** Watches from `resourceVersion`; `onEnd` is called once when it ends (not after `stop`). */
  watch(
    resourceVersion: string | undefined,
    onEvent: (change: Change, object: T) => void,
    onBookmark: (resourceVersion: string) => void,
    onEnd: (end: WatchEnd) => void,
  ): Promise<() => void>;
  uid(object: T): string;
  resourceVersion(object: T): string | undefined;
}

/** At most this many violations are kept (the first ones tell the story). */
const MAX_VIOLATIONS = 20;

export class Timeline<T, S> {
  private readonly states = new Map<string, S>();
  readonly transitions: Transition<S>[] = [];
  readonly violations: string[] = [];
  /** Gaps: the watch could not be resumed and the state was listed afresh (changes in between unseen). */
  readonly gaps: string[] = [];
  resumes = 0;
  private lastVersion: string | undefined;
  private stopWatch: (() => void) | undefined;
  private stopped = false;
  private readonly waiters: { predicate: (states: ReadonlyMap<string, S>) => boolean; resolve: () => void }[] = [];

  private constructor(
    private readonly source: Source<T>,
    private readonly stateOf: (object: T) => S,
    private readonly invariants: readonly Invariant<S>[],
  ) {}

  /** Lists what exists now, checks the invariants on it, and follows every change from there. */
  static async start<T, S>(source: Source<T>, stateOf: (object: T) => S, invariants: readonly Invariant<S>[] = []): Promise<Timeline<T, S>> {
    const timeline = new Timeline(source, stateOf, invariants);
    await timeline.relist();
    timeline.check(undefined);
    await timeline.follow();
    return timeline;
  }

  /** The current states, keyed by uid. */
  current(): ReadonlyMap<string, S> {
    return this.states;
  }

  /** Resolves at the first change after which `predicate` holds (or now, if it holds already). */
  until(predicate: (states: ReadonlyMap<string, S>) => boolean): Promise<void> {
    if (predicate(this.states)) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ predicate, resolve }));
  }

  stop(): void {
    this.stopped = true;
    this.stopWatch?.();
  }

  private async relist(): Promise<void> {
    const { items, resourceVersion } = await this.source.list();
    this.states.clear();
    for (const item of items) this.states.set(this.source.uid(item), this.stateOf(item));
    this.lastVersion = resourceVersion;
  }

  private async follow(): Promise<void> {
    this.stopWatch = await this.source.watch(
      this.lastVersion,
      (change, object) => this.apply(change, object),
      (version) => (this.lastVersion = version),
      (end) => {
        if (!this.stopped) void this.resume(end.error);
      },
    );
  }

  private async resume(error: string | undefined): Promise<void> {
    this.resumes += 1;
    try {
      if (error !== undefined) {
        this.gaps.push(`${this.source.what}: watch ended with ${error}; listed afresh`);
        await this.relist();
      }
      await this.follow();
    } catch (err) {
      this.gaps.push(`${this.source.what}: could not resume the watch: ${String(err)}`);
    }
  }

  private check(last: Transition<S> | undefined): void {
    for (const invariant of this.invariants) {
      const violation = invariant(this.states, last);
      if (violation !== undefined && this.violations.length < MAX_VIOLATIONS) {
        this.violations.push(`${violation} (${last === undefined ? 'as listed' : `after ${last.change} ${JSON.stringify(last.state)}`})`);
      }
    }
  }

  private apply(change: Change, object: T): void {
    const uid = this.source.uid(object);
    const version = this.source.resourceVersion(object);
    if (version !== undefined) this.lastVersion = version;
    const state = this.stateOf(object);
    if (change === 'deleted') this.states.delete(uid);
    else this.states.set(uid, state);
    const transition: Transition<S> = { change, uid, state };
    this.transitions.push(transition);
    this.check(transition);
    for (const waiter of [...this.waiters]) {
      if (!waiter.predicate(this.states)) continue;
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  }
}

function toChange(phase: string): Change | undefined {
  if (phase === 'ADDED') return 'added';
  if (phase === 'MODIFIED') return 'modified';
  if (phase === 'DELETED') return 'deleted';
  return undefined;
}

/** The pods of `namespace` matching `labelSelector`. */
export function podSource(kc: KubeConfig, namespace: string, labelSelector: string): Source<V1Pod> {
  return {
    what: `pods ${labelSelector}`,
    async list() {
      const list = await kc.makeApiClient(CoreV1Api).listNamespacedPod({ namespace, labelSelector });
      return { items: list.items, resourceVersion: list.metadata?.resourceVersion };
    },
    async watch(resourceVersion, onEvent, onBookmark, onEnd) {
      let error: string | undefined;
      const query: Record<string, string | boolean> = { labelSelector, allowWatchBookmarks: true };
      if (resourceVersion !== undefined) query['resourceVersion'] = resourceVersion;
      const request = await new Watch(kc).watch(
        `/api/v1/namespaces/${namespace}/pods`,
        query,
        (phase: string, object: V1Pod & { code?: number; message?: string }) => {
          const change = toChange(phase);
          if (change !== undefined) onEvent(change, object);
          else if (phase === 'BOOKMARK' && object.metadata?.resourceVersion) onBookmark(object.metadata.resourceVersion);
          else if (phase === 'ERROR') error = `${String(object.code)} ${object.message ?? ''}`;
        },
        () => onEnd({ error }),
      );
      return () => request.abort();
    },
    uid: (pod) => pod.metadata?.uid ?? '',
    resourceVersion: (pod) => pod.metadata?.resourceVersion,
  };
}

/** The objects of a Grove kind in `namespace` matching `labelSelector`. */
export function groveSource<G extends GroveDescriptor>(grove: GroveClient, gvk: G, namespace: string, labelSelector: string): Source<ObjectOf<G>> {
  return {
    what: `${gvk.plural} ${labelSelector}`,
    async list() {
      const list = await grove.list(gvk, { namespace, labelSelector });
      return { items: list.items as unknown as readonly ObjectOf<G>[], resourceVersion: list.metadata.resourceVersion };
    },
    async watch(resourceVersion, onEvent, onBookmark, onEnd) {
      let error: string | undefined;
      const options = { namespace, labelSelector, allowWatchBookmarks: true, ...(resourceVersion !== undefined && { resourceVersion }) };
      const handle = await grove.watch(gvk, options, (event) => {
        if (event.type === 'BOOKMARK') onBookmark(event.resourceVersion);
        else if (event.type === 'ERROR') error = `${event.error.code} ${event.error.message}`;
        else onEvent(toChange(event.type) ?? 'modified', event.object);
      });
      let stopped = false;
      void handle.done.then((err) => {
        if (!stopped) onEnd({ error: error ?? (err === undefined ? undefined : String(err)) });
      });
      return () => {
        stopped = true;
        handle.stop();
      };
    },
    uid: (object) => object.metadata.uid ?? '',
    resourceVersion: (object) => object.metadata.resourceVersion,
  };
}
