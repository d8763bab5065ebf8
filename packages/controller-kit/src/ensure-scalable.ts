/**
 * Writes a child whose `spec.replicas` belongs to whoever scales it (HPA, `kubectl scale`) once it
 * exists: the replicas go into the create only; later rewrites carry the live value over.
 */
import type { PodClique, PodCliqueScalingGroup } from '@grove/api';
import type { WatchResource } from '@grove/watch-sdk/watch';
import type { ChildWriter, EnsureResult } from '@grove/watch-sdk/writes';

type Scalable = PodClique | PodCliqueScalingGroup;

interface Parent {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; uid?: string };
}

export async function ensureScalable<T extends Scalable>(
  children: ChildWriter,
  resource: WatchResource,
  parent: Parent,
  desired: T,
  current: T | undefined,
  finalizer: string,
): Promise<EnsureResult> {
  const { replicas: _replicas, ...rest } = desired.spec;
  const withoutReplicas = { ...desired, spec: rest } as T;
  return children.ensure(resource, parent, withoutReplicas, current, {
    createOnly: { spec: desired.spec } as Partial<T>,
    // Whatever scaled it since (HPA, kubectl scale) stays: the rewrite is at the cached
    // resourceVersion, so a scale that lands meanwhile is a conflict and a retry, not a revert.
    preserve: (current) => ({ spec: { replicas: current.spec.replicas } }) as Partial<T>,
    finalizers: [finalizer],
  });
}
