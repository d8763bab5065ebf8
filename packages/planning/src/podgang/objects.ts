/**
 * Small reads of Kubernetes object metadata shared by the PodGang decisions. Kept here (not in
 * ../template.ts) because they are about live objects, not the PodCliqueSet template.
 */
import type { V1ObjectMeta } from '@kubernetes/client-node';

interface HasMetadata {
  readonly metadata?: V1ObjectMeta | undefined;
}

/** An object whose deletion has begun (grove-spec §1.7 "terminating" = deletionTimestamp set). */
export function isTerminating(object: HasMetadata): boolean {
  return object.metadata?.deletionTimestamp !== undefined && object.metadata.deletionTimestamp !== null;
}

export function nameOf(object: HasMetadata): string {
  return object.metadata?.name ?? '';
}

export function labelOf(object: HasMetadata, key: string): string | undefined {
  return object.metadata?.labels?.[key];
}

/** Strict code-unit order, like Go's `<` on strings, so the result never depends on the locale. */
export function byCodeUnits(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
