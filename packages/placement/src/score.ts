/**
 * The placement score: how well the `pack.preferred` constraints hold. For every level with a
 * preferred key that has pods (bound or assigned), its level score is 1 / (number of distinct
 * domains of that key its pods are on; a node without the label counts as a domain of its own).
 * The score is the mean of the level scores, or 1 when no level has a preferred key. So 1 means
 * every preferred constraint holds in a single domain; 0.5 on one of two levels means that level
 * spans two domains (mean 0.75).
 */
import type { Placed } from './reservations.js';
import type { NodeState } from './snapshot.js';
import type { Level, Occupied } from './tree.js';

export function preferredScore(level: Level, occupied: ReadonlyMap<number, Occupied>, placed: readonly Placed[]): number {
  const scores: number[] = [];
  collect(level, occupied, placed, scores);
  return scores.length === 0 ? 1 : scores.reduce((sum, score) => sum + score, 0) / scores.length;
}

function collect(level: Level, occupied: ReadonlyMap<number, Occupied>, placed: readonly Placed[], scores: number[]): void {
  const key = level.pack?.preferred;
  if (key !== undefined) {
    const nodes: NodeState[] = [...(occupied.get(level.id)?.nodes ?? [])];
    for (const entry of placed) if (level.leafIds.has(entry.leaf)) nodes.push(entry.node);
    const domains = new Set(nodes.map((node) => node.info.labels[key] ?? `\0${node.info.name}`));
    if (domains.size > 0) scores.push(1 / domains.size);
  }
  for (const child of level.children) collect(child, occupied, placed, scores);
}
