/**
 * Which dependency a pod counts for, by the structure of its name.
 *
 * Pods of a PodClique are created with `generateName: <fqn>-`, so a pod name is `<fqn>-<suffix>`
 * where the suffix is the API server's random segment and never contains '-'. The FQN is therefore
 * the name without its last segment: `a-0-x-7kq2z` belongs to `a-0-x`, while `a-0-xy-7kq2z` (a
 * clique whose name merely starts the same) and `a-0-x-1-y-7kq2z` (a clique of a scaling group
 * named after it) do not. A bare prefix test would count both.
 *
 * When the pod carries the `grove.io/podclique` label (the operator always sets it), the label must
 * name the same clique as the name structure; a pod whose label and name disagree counts for no
 * dependency, because one of the two was not written by the operator and neither can be trusted.
 */
import { LABEL } from '@grove/api';

/** The generateName suffix: one non-empty DNS-label segment without '-'. */
const SUFFIX = /^[a-z0-9]+$/;

/** The PodClique FQN a pod name belongs to by structure, or undefined when the name has no suffix. */
export function cliqueOfPodName(podName: string): string | undefined {
  const dash = podName.lastIndexOf('-');
  if (dash <= 0) return undefined;
  return SUFFIX.test(podName.slice(dash + 1)) ? podName.slice(0, dash) : undefined;
}

export interface PodIdentity {
  readonly name: string;
  readonly labels?: Readonly<Record<string, string>> | undefined;
}

/** The dependency FQN (one of `dependencies`) that `pod` counts for, or undefined. */
export function attributePod(pod: PodIdentity, dependencies: ReadonlySet<string>): string | undefined {
  const byName = cliqueOfPodName(pod.name);
  if (byName === undefined || !dependencies.has(byName)) return undefined;
  const byLabel = pod.labels?.[LABEL.podClique];
  if (byLabel !== undefined && byLabel !== byName) return undefined;
  return byName;
}
