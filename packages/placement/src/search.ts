/**
 * The placement search over a level tree, on a reservation overlay. Top-down:
 * 1. a level with `pack.required` picks ONE domain of that key among the candidate nodes: domains
 *    that cannot hold the level's total demand (aggregate pre-filter) are skipped, the rest are tried
 *    in best-fit order (least room first, by the scarcest resource); the first whose placement
 *    succeeds with a perfect preferred score wins, else the best score among the first
 *    `maxDomainsToScore` that succeed (ties: the better fit);
 * 2. inside it, `pack.preferred` is first tried the same way as a required key; when no single
 *    preferred domain holds the level, pods go where the level's pods already are first;
 * 3. children are placed one after the other (constrained ones and bigger ones first), each inside
 *    the domain chosen above; podgroup pods go one by one onto the node they fill most.
 * A failed attempt is rolled back; a level fails when no candidate domain holds it.
 */
import { domainWithin, domainsWithin, type DomainView } from './domains.js';
import { diagnose } from './diagnose.js';
import { chooseNode, type NodeSet } from './nodes.js';
import type { Resources } from './model.js';
import type { CompiledPod, Reservations } from './reservations.js';
import { bottleneck, POD_SLOT, sumEntries, type UsageEntries } from './resources.js';
import { preferredScore } from './score.js';
import type { ClusterSnapshot, NodeState } from './snapshot.js';
import { pinOf, type Level, type Occupied } from './tree.js';

/** Why a level could not be placed: what the message is made of. */
export interface Failure {
  readonly level: Level;
  /** Pods of the level in this attempt. */
  readonly needed: number;
  /** Most of them placed (greedily) in one candidate domain / in the candidate nodes. */
  readonly room: number;
  readonly demand: Readonly<Record<string, number>>;
  /** The requests of each pod, when all the level's pods request the same. */
  readonly perPod?: Resources;
  /** The required (or preferred-as-required) key the level had to fit in. */
  readonly key?: string;
  readonly domain?: string;
  readonly pinned?: boolean;
  /** The best domain passed the aggregate pre-filter: capacity there was not the whole story. */
  readonly roomyDomain?: boolean;
  /** First pod that did not fit in the best attempt (for the per-node diagnosis). */
  readonly unplaced?: CompiledPod;
  readonly candidates: NodeSet;
  readonly inner?: Failure;
  /** Why the candidate nodes could not take the unplaced pod, measured when the level failed. */
  readonly diagnosis?: string;
  /** A fixed sentence (constraint that cannot hold, e.g. bound pods spanning domains). */
  readonly text?: string;
}

export type Outcome = { readonly ok: true } | { readonly ok: false; readonly failure: Failure };

const OK: Outcome = { ok: true };

export interface SearchDeps {
  readonly snapshot: ClusterSnapshot;
  readonly res: Reservations;
  /** Pods to place in this phase, per leaf id, in order. */
  readonly pods: ReadonlyMap<number, readonly CompiledPod[]>;
  /** Where each level's pods already are (bound, or placed in an earlier phase). */
  readonly occupied: ReadonlyMap<number, Occupied>;
  readonly maxDomainsToScore: number;
  readonly percentageOfNodesToScore?: number | undefined;
}

interface Demand {
  readonly count: number;
  readonly entries: UsageEntries;
  readonly total: Readonly<Record<string, number>>;
  readonly constrained: boolean;
  readonly uniform: Resources | undefined;
}

/** Keeps pods where the level's pods already are (`pack.preferred` fallback). */
interface Prefer {
  readonly key: string;
  readonly level: Level;
  readonly mark: number;
}

/**
 * Domain attempts one search may spend scoring alternatives for preferred constraints; beyond it
 * the first feasible domain (the best fit) is taken. Nested levels each scoring K domains multiply
 * (K^depth), and this keeps the worst case flat while small gangs still get the full search.
 */
export const SCORING_BUDGET = 256;

export class Search {
  private readonly demands = new Map<Level, Demand>();
  private attempts = 0;

  constructor(private readonly deps: SearchDeps) {}

  placeLevel(level: Level, set: NodeSet, prefer?: Prefer): Outcome {
    if (this.demand(level).count === 0) return OK;
    const required = level.pack?.required;
    if (required === undefined) return this.placeInside(level, set, prefer);
    const pin = pinOf(level, required, this.deps.occupied.get(level.id));
    if ('conflict' in pin) return this.fail(level, set, { text: pin.conflict });
    return this.chooseDomain(level, set, required, pin.value, (domain) => this.placeInside(level, domain, prefer));
  }

  demand(level: Level): Demand {
    let demand = this.demands.get(level);
    if (!demand) {
      const pods = [...level.leafIds].flatMap((id) => this.deps.pods.get(id) ?? []);
      const total = sumEntries(pods.map((pod) => pod.usage));
      const constrained = level.pack?.required !== undefined || level.children.some((child) => this.demand(child).constrained);
      const [first] = pods;
      const same = first !== undefined && pods.every((pod) => sameUsage(pod.usage, first.usage));
      demand = { count: pods.length, entries: Object.entries(total), total, constrained, uniform: same ? first.request.requests : undefined };
      this.demands.set(level, demand);
    }
    return demand;
  }

  private largestPod(level: Level, total: Readonly<Record<string, number>>): number {
    let largest = 0;
    for (const id of level.leafIds) {
      for (const pod of this.deps.pods.get(id) ?? []) {
        let size = 0;
        for (const [name, amount] of pod.usage) if (name !== POD_SLOT || pod.usage.length === 1) size += amount / (total[name] ?? amount);
        largest = Math.max(largest, size);
      }
    }
    return largest;
  }

  private placeInside(level: Level, set: NodeSet, prefer?: Prefer): Outcome {
    const preferred = level.pack?.preferred;
    if (preferred === undefined) return this.placeChildren(level, set, prefer);
    const pin = pinOf(level, preferred, this.deps.occupied.get(level.id));
    const mark = this.deps.res.size;
    if (!('conflict' in pin)) {
      const single = this.chooseDomain(level, set, preferred, pin.value, (domain) => this.placeChildren(level, domain));
      if (single.ok) return single;
      this.deps.res.rollback(mark);
    }
    return this.placeChildren(level, set, { key: preferred, level, mark });
  }

  private placeChildren(level: Level, set: NodeSet, prefer?: Prefer): Outcome {
    if (level.group) return this.placePods(level, set, prefer);
    // First-fit decreasing: constrained children first, then the one with the biggest pod (each
    // resource weighed by its share of the level's total demand), then the one with most pods.
    const parent = this.demand(level).total;
    const size = (child: Level): number => this.largestPod(child, parent);
    const ordered = [...level.children].sort((a, b) => {
      const [da, db] = [this.demand(a), this.demand(b)];
      return Number(db.constrained) - Number(da.constrained) || size(b) - size(a) || db.count - da.count;
    });
    for (const child of ordered) {
      const outcome = this.placeLevel(child, set, prefer);
      if (!outcome.ok) return outcome;
    }
    return OK;
  }

  private placePods(leaf: Level, set: NodeSet, prefer?: Prefer): Outcome {
    const { res } = this.deps;
    const pods = this.deps.pods.get(leaf.id) ?? [];
    const used = prefer ? this.valuesInUse(prefer) : undefined;
    const tier = prefer && used ? (node: NodeState): number => (used.has(node.info.labels[prefer.key] ?? '') ? 0 : 1) : undefined;
    for (const [index, pod] of pods.entries()) {
      const node = chooseNode(pod, { set, res, tier, percentage: this.deps.percentageOfNodesToScore });
      if (!node) return this.fail(leaf, set, { room: index, unplaced: pod, diagnosis: diagnose(pod, set, res) });
      res.place(pod, node, leaf.id);
      if (prefer) used?.add(node.info.labels[prefer.key] ?? '');
    }
    return OK;
  }

  private valuesInUse(prefer: Prefer): Set<string> {
    const nodes = [...(this.deps.occupied.get(prefer.level.id)?.nodes ?? []), ...this.deps.res.placed.slice(prefer.mark).map((p) => p.node)];
    return new Set(nodes.map((node) => node.info.labels[prefer.key]).filter((value) => value !== undefined));
  }

  /** Picks one domain of `key` for the level (see the module doc) and leaves its pods placed there. */
  private chooseDomain(level: Level, set: NodeSet, key: string, pinned: string | undefined, inner: (domain: NodeSet) => Outcome): Outcome {
    const { snapshot, res } = this.deps;
    const demand = this.demand(level);
    const domains = pinned !== undefined ? [domainWithin(snapshot, set, key, pinned, res)] : domainsWithin(snapshot, set, key, res);
    const ranked = domains
      .filter((domain) => demand.entries.every(([name, amount]) => domain.free(name) >= amount))
      .map((domain) => ({ domain, ratio: bottleneck(domain.free, demand.entries) }))
      .sort((a, b) => a.ratio - b.ratio || compare(a.domain.value, b.domain.value));
    let chosen: { domain: DomainView; score: number } | undefined;
    let feasible = 0;
    let worst: { domain: DomainView; room: number; failure: Failure } | undefined;
    for (const { domain } of ranked) {
      const mark = res.size;
      this.attempts++;
      const outcome = inner(domain.nodes);
      if (outcome.ok) {
        const score = preferredScore(level, this.deps.occupied, res.placed.slice(mark));
        if (score >= 1 || (!chosen && this.attempts > SCORING_BUDGET)) return OK;
        res.rollback(mark);
        if (!chosen || score > chosen.score) chosen = { domain, score };
        if (++feasible >= this.deps.maxDomainsToScore) break;
        continue;
      }
      const room = res.size - mark;
      res.rollback(mark);
      if (!worst || room > worst.room) worst = { domain, room, failure: outcome.failure };
    }
    if (chosen) return this.replay(inner, chosen.domain);
    return this.domainFailure(level, set, key, pinned, domains, worst, inner);
  }

  private replay(inner: (domain: NodeSet) => Outcome, domain: DomainView): Outcome {
    const outcome = inner(domain.nodes);
    if (!outcome.ok) throw new Error(`placement replay in domain ${domain.value} failed: the search must be deterministic`);
    return outcome;
  }

  /** No domain holds the level: measure the roomiest one (by aggregate) if none was tried. */
  private domainFailure(
    level: Level,
    set: NodeSet,
    key: string,
    pinned: string | undefined,
    domains: readonly DomainView[],
    tried: { domain: DomainView; room: number; failure: Failure } | undefined,
    inner: (domain: NodeSet) => Outcome,
  ): Outcome {
    let best = tried;
    const roomy = best !== undefined;
    if (!best) {
      const entries = this.demand(level).entries;
      const roomiest = [...domains].sort((a, b) => bottleneck(b.free, entries) - bottleneck(a.free, entries) || compare(a.value, b.value))[0];
      if (roomiest) {
        const mark = this.deps.res.size;
        const outcome = inner(roomiest.nodes);
        const room = this.deps.res.size - mark;
        this.deps.res.rollback(mark);
        if (!outcome.ok) best = { domain: roomiest, room, failure: outcome.failure };
      }
    }
    const base = { key, pinned: pinned !== undefined, roomyDomain: roomy, room: best?.room ?? 0 };
    if (!best) return this.fail(level, set, base);
    const unplaced = best.failure.unplaced;
    const diagnosis = unplaced ? { unplaced, diagnosis: diagnose(unplaced, set, this.deps.res, key) } : {};
    return this.fail(level, set, { ...base, domain: best.domain.value, inner: best.failure, ...diagnosis });
  }

  private fail(level: Level, set: NodeSet, details: Partial<Failure>): Outcome {
    const demand = this.demand(level);
    const perPod = demand.uniform ? { perPod: demand.uniform } : {};
    return { ok: false, failure: { level, needed: demand.count, room: 0, demand: demand.total, candidates: set, ...perPod, ...details } };
  }
}

function sameUsage(a: UsageEntries, b: UsageEntries): boolean {
  return a.length === b.length && a.every(([name, amount], i) => b[i]?.[0] === name && b[i]?.[1] === amount);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
