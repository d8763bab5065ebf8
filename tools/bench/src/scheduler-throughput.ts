/**
 * Throughput the way scheduler_perf's `throughputCollector` computes it (test/integration/
 * scheduler_perf/util.go), replayed over recorded event times instead of a live ticker. Pure.
 *
 * - A tick every `intervalMs` from the start (the moment the scheduler process was spawned).
 * - Ticks before the first event are ignored; the first tick that sees one only opens the
 *   measurement (that first sample is dropped: it mixes start-up with scheduling).
 * - A tick that sees nothing new is not a 0 sample: it is folded into the next tick that does, and
 *   that rate (events / time since the last recorded tick) is recorded once per folded interval,
 *   so the percentiles stay honest.
 * - Events after the last tick are not sampled (the live collector stops when the pass ends).
 * Percentiles are nearest-rank (`sorted[ceil(n·p/100) − 1]`), as upstream.
 */

export interface ThroughputSummary {
  /** Recorded samples (per interval). */
  readonly samples: number;
  readonly average: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
}

/** Per-interval rates; `times` are ms since the start, in any order. */
export function throughputSamples(times: readonly number[], intervalMs = 1000): number[] {
  const sorted = [...times].sort((a, b) => a - b);
  const last = sorted.at(-1);
  if (last === undefined) return [];
  const samples: number[] = [];
  let seen = 0; // events at or before the current tick
  let lastCount: number | undefined; // undefined until the measurement is opened
  let lastTick = 0;
  let skipped = 0;
  for (let tick = intervalMs; tick <= last; tick += intervalMs) {
    while (seen < sorted.length && (sorted[seen] as number) <= tick) seen++;
    if (seen === 0) continue;
    if (lastCount === undefined) {
      lastCount = seen;
      lastTick = tick;
      continue;
    }
    const fresh = seen - lastCount;
    if (fresh === 0) {
      skipped++;
      continue;
    }
    const rate = fresh / ((tick - lastTick) / 1000);
    for (let i = 0; i <= skipped; i++) samples.push(rate);
    lastCount = seen;
    lastTick = tick;
    skipped = 0;
  }
  return samples;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.ceil((sorted.length * p) / 100) - 1] ?? NaN;
}

export function summarize(samples: readonly number[]): ThroughputSummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const sum = sorted.reduce((a, b) => a + b, 0);
  return {
    samples: sorted.length,
    average: sorted.length === 0 ? NaN : sum / sorted.length,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
  };
}

/** Events per second over the whole span from the start to the last event (NaN without events). */
export function overallRate(times: readonly number[]): number {
  if (times.length === 0) return NaN;
  const last = times.reduce((a, b) => Math.max(a, b), 0);
  return last > 0 ? times.length / (last / 1000) : NaN;
}
