/**
 * The objects of one kind, by key, with secondary indices. It is written only by its informer (one
 * writer); readers get the stored objects themselves, which they must treat as read-only.
 */
import { keyString } from '../keys.js';
import type { KubeObject } from '../watch/types.js';
import type { IndexFunc } from './indexers.js';

/** What a replace changed, so handlers learn about objects deleted while disconnected. */
export interface ReplaceDelta<T> {
  added: T[];
  updated: { object: T; old: T }[];
  deleted: T[];
}

/** The namespace an object is filed under: `''` for cluster-scoped kinds (as in its key). */
function namespaceOf(object: KubeObject): string {
  return object.metadata?.namespace || '';
}

export class Store<T extends KubeObject> {
  /**
   * namespace → name → object. Two levels rather than one map by `namespace/name`: the names are the
   * objects' own strings, so the store allocates no key string per object (about 32 bytes each, 2% of
   * a cached pod).
   */
  private readonly items = new Map<string, Map<string, T>>();
  private count = 0;
  private readonly indexers = new Map<string, IndexFunc<T>>();
  /** index name → index value → objects (the objects, not their keys: no key strings here either) */
  private readonly indices = new Map<string, Map<string, Set<T>>>();

  get size(): number {
    return this.count;
  }

  /** Adds an index; objects already stored are indexed at once. Re-adding a name is a no-op. */
  addIndexer(name: string, indexFunc: IndexFunc<T>): void {
    if (this.indexers.has(name)) return;
    const index = new Map<string, Set<T>>();
    this.indexers.set(name, indexFunc);
    this.indices.set(name, index);
    for (const names of this.items.values()) for (const object of names.values()) addToIndex(index, indexFunc, object);
  }

  get(key: string): T | undefined {
    const slash = key.indexOf('/');
    if (slash < 0) return this.items.get('')?.get(key);
    return this.items.get(key.slice(0, slash))?.get(key.slice(slash + 1));
  }

  list(): T[] {
    const objects: T[] = [];
    for (const names of this.items.values()) for (const object of names.values()) objects.push(object);
    return objects;
  }

  keys(): string[] {
    const keys: string[] = [];
    for (const [namespace, names] of this.items) {
      for (const name of names.keys()) keys.push(namespace === '' ? name : keyString({ namespace, name }));
    }
    return keys;
  }

  /** Objects found under `value` in index `name`; throws for an index never added. */
  byIndex(name: string, value: string): T[] {
    const index = this.indices.get(name);
    if (index === undefined) throw new Error(`no index named '${name}'`);
    const objects = index.get(value);
    return objects === undefined ? [] : [...objects];
  }

  /** Stores `object` and returns the object it replaced, if any. */
  upsert(object: T): T | undefined {
    const name = object.metadata?.name;
    if (name === undefined) return undefined;
    const namespace = namespaceOf(object);
    let names = this.items.get(namespace);
    if (names === undefined) this.items.set(namespace, (names = new Map()));
    const old = names.get(name);
    if (old === undefined) this.count++;
    else this.unindex(old);
    names.set(name, object);
    this.index(object);
    return old;
  }

  /** Removes the object with `object`'s key and returns what was stored. */
  delete(object: T): T | undefined {
    const name = object.metadata?.name;
    if (name === undefined) return undefined;
    const namespace = namespaceOf(object);
    const names = this.items.get(namespace);
    const old = names?.get(name);
    if (names === undefined || old === undefined) return undefined;
    this.unindex(old);
    names.delete(name);
    if (names.size === 0) this.items.delete(namespace);
    this.count--;
    return old;
  }

  /**
   * Makes the store hold exactly `objects`. An object counts as updated only when its
   * resourceVersion differs: versions are opaque, so they are compared for equality only.
   */
  replace(objects: readonly T[]): ReplaceDelta<T> {
    const delta: ReplaceDelta<T> = { added: [], updated: [], deleted: [] };
    const kept = new Set<T>();
    for (const object of objects) {
      if (object.metadata?.name === undefined) continue;
      kept.add(object);
      const old = this.upsert(object);
      if (old === undefined) delta.added.push(object);
      else if (old.metadata?.resourceVersion !== object.metadata?.resourceVersion) delta.updated.push({ object, old });
    }
    // What is stored now and was not just given is what the new list no longer has.
    for (const object of this.list()) {
      if (kept.has(object)) continue;
      this.delete(object);
      delta.deleted.push(object);
    }
    return delta;
  }

  private index(object: T): void {
    for (const [name, indexFunc] of this.indexers) addToIndex(this.indices.get(name) as Map<string, Set<T>>, indexFunc, object);
  }

  private unindex(object: T): void {
    for (const [name, indexFunc] of this.indexers) {
      const index = this.indices.get(name) as Map<string, Set<T>>;
      for (const value of indexFunc(object)) {
        const objects = index.get(value);
        if (objects === undefined) continue;
        objects.delete(object);
        if (objects.size === 0) index.delete(value);
      }
    }
  }
}

function addToIndex<T>(index: Map<string, Set<T>>, indexFunc: IndexFunc<T>, object: T): void {
  for (const value of indexFunc(object)) {
    let objects = index.get(value);
    if (objects === undefined) index.set(value, (objects = new Set()));
    objects.add(object);
  }
}
