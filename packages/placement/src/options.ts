/** Tuning of the placement search. Every field is optional; the defaults suit clusters of any size. */
export interface PlacementOptions {
  /**
   * Per constraint level, how many feasible domains (tried in best-fit order) are scored before one
   * is chosen; the search stops earlier at the first domain where every preferred constraint holds.
   * Default {@link DEFAULT_MAX_DOMAINS_TO_SCORE}.
   */
  readonly maxDomainsToScore?: number;
  /**
   * Like kube-scheduler's percentageOfNodesToScore: share (1–100) of a large candidate node set
   * scanned for feasible nodes before a pod's node is chosen. Default: kube-scheduler's adaptive
   * rule (50 % minus 1 % per 125 nodes, at least 5 % and at least 100 nodes).
   */
  readonly percentageOfNodesToScore?: number;
}

export const DEFAULT_MAX_DOMAINS_TO_SCORE = 4;

export function maxDomainsToScore(options: PlacementOptions | undefined): number {
  return Math.max(1, Math.floor(options?.maxDomainsToScore ?? DEFAULT_MAX_DOMAINS_TO_SCORE));
}
