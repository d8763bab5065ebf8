/**
 * The objects of one kind, by key, with secondary indices. It is written only by its informer (one
 * writer); readers get the stored objects themselves, which they must treat as read-only.
 */
import { objectKeyString } from '../keys.js';
import type { KubeObject } from '../watch/types.js';
import type { IndexFunc } from './indexers.js';

/** What a replace changed, so handlers learn about objects deleted while disconnected. */
export interface ReplaceDelta<T> {
  added: T[];
  updated: { object: T; old: T }[];
  deleted: T[];
}

export class Store<T extends KubeObject> {
  private readonly items = new Map<string, T>();
  private readonly indexers = new Map<string, IndexFunc<T>>();
  /** index name → index value → keys */
  private readonly indices = new Map<string, Map<string, Set<string>>>();

  get size(): number {
    return this.items.size;
  }

  /** Adds an index; objects already stored are indexed at once. Re-adding a name is a no-op. */
  addIndexer(name: string, indexFunc: IndexFunc<T>): void {
    if (this.indexers.has(name)) return;
    this.indexers.set(name, indexFunc);
    this.indices.set(name, new Map());
    for (const [key, object] of this.items) this.indexOne(name, key, object, +1);
  }

  get(key: string): T | undefined {
    return this.items.get(key);
  }

  list(): T[] {
    return [...this.items.values()];
  }

  keys(): string[] {
    return [...this.items.keys()];
  }

  /** Objects found under `value` in index `name`; throws for an index never added. */
  byIndex(name: string, value: string): T[] {
    const index = this.indices.get(name);
    if (index === undefined) throw new Error(`no index named '${name}'`);
    const keys = index.get(value);
    if (keys === undefined) return [];
    return [...keys].map((key) => this.items.get(key) as T);
  }

  /** Stores `object` and returns the object it replaced, if any. */
  upsert(object: T): T | undefined {
    const key = objectKeyString(object);
    if (key === undefined) return undefined;
    const old = this.items.get(key);
    if (old !== undefined) this.unindex(key, old);
    this.items.set(key, object);
    this.index(key, object);
    return old;
  }

  /** Removes the object with `object`'s key and returns what was stored. */
  delete(object: T): T | undefined {
    const key = objectKeyString(object);
    if (key === undefined) return undefined;
    const old = this.items.get(key);
    if (old === undefined) return undefined;
    this.unindex(key, old);
    this.items.delete(key);
    return old;
  }

  /**
   * Makes the store hold exactly `objects`. An object counts as updated only when its
   * resourceVersion differs: versions are opaque, so they are compared for equality only.
   */
  replace(objects: readonly T[]): ReplaceDelta<T> {
    const delta: ReplaceDelta<T> = { added: [], updated: [], deleted: [] };
    const seen = new Set<string>();
    for (const object of objects) {
      const key = objectKeyString(object);
      if (key === undefined) continue;
      seen.add(key);
      const old = this.upsert(object);
      if (old === undefined) delta.added.push(object);
      else if (old.metadata?.resourceVersion !== object.metadata?.resourceVersion) delta.updated.push({ object, old });
    }
    for (const [key, old] of [...this.items]) {
      if (seen.has(key)) continue;
      this.delete(old);
      delta.deleted.push(old);
    }
    return delta;
  }

  private index(key: string, object: T): void {
    for (const name of this.indexers.keys()) this.indexOne(name, key, object, +1);
  }

  private unindex(key: string, object: T): void {
    for (const name of this.indexers.keys()) this.indexOne(name, key, object, -1);
  }

  private indexOne(name: string, key: string, object: T, direction: 1 | -1): void {
    const index = this.indices.get(name) as Map<string, Set<string>>;
    for (const value of (this.indexers.get(name) as IndexFunc<T>)(object)) {
      let keys = index.get(value);
      if (direction > 0) {
        if (keys === undefined) index.set(value, (keys = new Set()));
        keys.add(key);
      } else if (keys !== undefined) {
        keys.delete(key);
        if (keys.size === 0) index.delete(value);
      }
    }
  }
}
