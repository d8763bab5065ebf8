/**
 * The benchmark's table: both schedulers side by side with the ratio ours/kube, as Markdown so it
 * can go into docs/benchmarks.md unchanged. Pure: results in, lines out.
 */
import type { SchedulerId } from './scheduler-options.js';
import type { EndReason, PassResult } from './scheduler-pass.js';
import type { ProcessCost } from './scheduler-processes.js';
import { fragmentation, gangPlacedTimes, gangQuality, type NodeTopology } from './scheduler-quality.js';
import { overallRate, summarize, throughputSamples } from './scheduler-throughput.js';
import { totalGpus, totalPods, type GangSpec } from './scheduler-workload.js';

export interface ChurnResult {
  readonly deleted: readonly GangSpec[];
  readonly created: readonly GangSpec[];
  /** The gangs alive after the churn: the survivors and the new ones. */
  readonly alive: readonly GangSpec[];
  readonly bindTimes: ReadonlyMap<string, number>;
  readonly placement: ReadonlyMap<string, string>;
  readonly end: EndReason;
  readonly cost: ProcessCost;
}

export interface SchedulerResults {
  plain?: PassResult;
  gang?: PassResult;
  churn?: ChurnResult;
}

export interface ReportInput {
  readonly schedulers: readonly SchedulerId[];
  readonly results: Readonly<Partial<Record<SchedulerId, SchedulerResults>>>;
  readonly gangs: readonly GangSpec[];
  readonly nodes: readonly NodeTopology[];
  readonly plainPods: number;
  readonly churnShare: number;
}

type Values = Partial<Record<SchedulerId, number>>;
interface Row {
  readonly label: string;
  readonly values: Values;
  readonly format: (n: number) => string;
  /** Show ours/kube (only for figures where the ratio means something). */
  readonly ratio?: boolean;
}

const fixed = (digits: number) => (n: number) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
const seconds = (ms: number) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(1)} s` : 'n/a');
const count = (n: number) => (Number.isFinite(n) ? String(n) : 'n/a');
const percent = (n: number) => (Number.isFinite(n) ? `${(n * 100).toFixed(1)} %` : 'n/a');
const mib = (n: number) => (Number.isFinite(n) ? `${n.toFixed(0)} MiB` : 'n/a');

const minOf = (xs: Iterable<number>) => { let m = NaN; for (const x of xs) m = Number.isNaN(m) ? x : Math.min(m, x); return m; };
const maxOf = (xs: Iterable<number>) => { let m = NaN; for (const x of xs) m = Number.isNaN(m) ? x : Math.max(m, x); return m; };

const LABELS: Record<SchedulerId, string> = { kube: 'kube-scheduler', podgang: 'podgang-scheduler' };

function each(input: ReportInput, f: (r: SchedulerResults) => number | undefined): Values {
  const out: Values = {};
  for (const id of input.schedulers) {
    const r = input.results[id];
    const v = r === undefined ? undefined : f(r);
    if (v !== undefined) out[id] = v;
  }
  return out;
}

function throughputRows(input: ReportInput, pass: (r: SchedulerResults) => PassResult | undefined, unit: string, times: (p: PassResult) => number[]): Row[] {
  const summary = (r: SchedulerResults) => {
    const p = pass(r);
    return p && summarize(throughputSamples(times(p)));
  };
  return [
    { label: `${unit}/s average (1 s samples, scheduler_perf)`, values: each(input, (r) => summary(r)?.average), format: fixed(1), ratio: true },
    { label: `${unit}/s p50`, values: each(input, (r) => summary(r)?.p50), format: fixed(1), ratio: true },
    { label: `${unit}/s p90`, values: each(input, (r) => summary(r)?.p90), format: fixed(1), ratio: true },
    { label: `${unit}/s p99`, values: each(input, (r) => summary(r)?.p99), format: fixed(1), ratio: true },
    { label: `${unit}/s overall (count / spawn→last)`, values: each(input, (r) => { const p = pass(r); return p && overallRate(times(p)); }), format: fixed(1), ratio: true },
  ];
}

function costRows(input: ReportInput, pass: (r: SchedulerResults) => PassResult | undefined): Row[] {
  return [
    { label: 'first bind after spawn', values: each(input, (r) => { const p = pass(r); return p && minOf(p.bindTimes.values()); }), format: seconds, ratio: true },
    { label: 'time spawn → last bind', values: each(input, (r) => { const p = pass(r); return p && maxOf(p.bindTimes.values()); }), format: seconds, ratio: true },
    { label: 'scheduler CPU-seconds (total)', values: each(input, (r) => pass(r)?.cost.cpuSeconds), format: fixed(1), ratio: true },
    { label: 'scheduler CPU-seconds after first bind', values: each(input, (r) => { const p = pass(r); return p && p.cost.cpuSeconds - p.cpuAtFirstBind; }), format: fixed(1), ratio: true },
    { label: 'scheduler peak RSS', values: each(input, (r) => pass(r)?.cost.peakRssMiB), format: mib, ratio: true },
  ];
}

function plainRows(input: ReportInput): Row[] {
  const plain = (r: SchedulerResults) => r.plain;
  return [
    ...throughputRows(input, plain, 'pods', (p) => [...p.bindTimes.values()]),
    { label: 'pods bound', values: each(input, (r) => r.plain?.placement.size), format: count },
    ...costRows(input, plain),
  ];
}

function gangRows(input: ReportInput): Row[] {
  const gang = (r: SchedulerResults) => r.gang;
  const byId = new Map(input.nodes.map((n) => [n.name, n]));
  const q = (r: SchedulerResults) => r.gang && gangQuality(input.gangs, r.gang.placement, byId);
  return [
    ...throughputRows(input, gang, 'gangs', (p) => gangPlacedTimes(input.gangs, p.bindTimes)),
    ...throughputRows(input, gang, 'pods', (p) => [...p.bindTimes.values()]),
    { label: 'gangs placed (all pods bound)', values: each(input, (r) => q(r)?.placed), format: count },
    { label: 'required constraint met (of placed constrained gangs)', values: each(input, (r) => { const x = q(r); return x && x.requiredMet / x.withRequired; }), format: percent },
    { label: 'partial gangs at the end (0 < bound < min)', values: each(input, (r) => q(r)?.partial), format: count },
    { label: 'placed multi-pod gangs in one block', values: each(input, (r) => { const x = q(r); return x && x.oneBlock / x.multiPodPlaced; }), format: percent },
    { label: 'pods left unbound', values: each(input, (r) => q(r)?.podsUnbound), format: count },
    ...costRows(input, gang),
  ];
}

function churnRows(input: ReportInput): Row[] {
  const byId = new Map(input.nodes.map((n) => [n.name, n]));
  const f = (r: SchedulerResults) => r.churn && fragmentation(r.churn.alive, r.churn.placement, input.nodes);
  const q = (r: SchedulerResults) => r.churn && gangQuality(r.churn.alive, r.churn.placement, byId);
  return [
    { label: 'new gangs placed', values: each(input, (r) => r.churn && gangPlacedTimes(r.churn.created, r.churn.bindTimes).length), format: count },
    { label: 'time to last bind (from first create)', values: each(input, (r) => r.churn && maxOf(r.churn.bindTimes.values())), format: seconds, ratio: true },
    { label: 'waiting gangs (not all pods bound)', values: each(input, (r) => f(r)?.waitingGangs), format: count },
    { label: 'partial gangs', values: each(input, (r) => q(r)?.partial), format: count },
    { label: 'required constraint met (of placed)', values: each(input, (r) => { const x = q(r); return x && x.requiredMet / x.withRequired; }), format: percent },
    { label: 'stranded GPUs (free, no waiting gang can use)', values: each(input, (r) => f(r)?.strandedGpus), format: count },
    { label: 'free GPUs in racks where a 4×8-GPU gang no longer fits', values: each(input, (r) => f(r)?.rackFragmentedGpus), format: count },
    { label: `fully free racks (of ${new Set(input.nodes.map((n) => n.rack)).size})`, values: each(input, (r) => f(r)?.fullyFreeRacks), format: count },
    { label: 'allocated GPUs', values: each(input, (r) => { const x = f(r); return x && x.usedGpus / x.totalGpus; }), format: percent },
    { label: 'scheduler CPU-seconds (whole process, b + c)', values: each(input, (r) => r.churn?.cost.cpuSeconds), format: fixed(1), ratio: true },
    { label: 'scheduler peak RSS (b + c)', values: each(input, (r) => r.churn?.cost.peakRssMiB), format: mib, ratio: true },
  ];
}

function section(title: string, rows: readonly Row[], ids: readonly SchedulerId[]): string[] {
  const ratioOf = (row: Row) => {
    const kube = row.values.kube;
    const ours = row.values.podgang;
    return row.ratio && kube !== undefined && ours !== undefined && kube !== 0 && Number.isFinite(kube) && Number.isFinite(ours) ? `${(ours / kube).toFixed(2)}` : '';
  };
  const showRatio = ids.includes('kube') && ids.includes('podgang');
  const lines = [`| **${title}** |${ids.map(() => ' |').join('')}${showRatio ? ' |' : ''}`];
  for (const row of rows) {
    const cells = ids.map((id) => (row.values[id] === undefined ? '—' : row.format(row.values[id] as number)));
    lines.push(`| ${row.label} | ${cells.join(' | ')} |${showRatio ? ` ${ratioOf(row)} |` : ''}`);
  }
  return lines;
}

export function mixDescription(gangs: readonly GangSpec[], totalClusterGpus: number): string {
  const n = (kind: GangSpec['kind']) => gangs.filter((g) => g.kind === kind).length;
  return `${gangs.length} gangs (${n('block')} × 16 pods block-required, ${n('rack')} × 4 pods rack-required, ${n('single')} single-pod of 1/2/4/8 GPUs), ${totalPods(gangs)} pods, ${totalGpus(gangs)} GPUs = ${((100 * totalGpus(gangs)) / totalClusterGpus).toFixed(1)} % of ${totalClusterGpus}`;
}

export function reportTable(input: ReportInput): string[] {
  const ids = input.schedulers;
  const showRatio = ids.includes('kube') && ids.includes('podgang');
  const header = [`| figure | ${ids.map((id) => LABELS[id]).join(' | ')} |${showRatio ? ' ours/kube |' : ''}`, `|---|${ids.map(() => '---:|').join('')}${showRatio ? '---:|' : ''}`];
  const clusterGpus = input.nodes.reduce((s, n) => s + n.gpus, 0);
  const out = [...header];
  const any = (f: (r: SchedulerResults) => unknown) => ids.some((id) => { const r = input.results[id]; return r !== undefined && f(r) !== undefined; });
  if (any((r) => r.plain)) out.push(...section(`(a) ${input.plainPods} plain pods, 1 CPU, no GPU`, plainRows(input), ids));
  if (any((r) => r.gang)) out.push(...section(`(b) gang mix: ${mixDescription(input.gangs, clusterGpus)}`, gangRows(input), ids));
  if (any((r) => r.churn)) {
    const c = ids.map((id) => input.results[id]?.churn).find((x) => x !== undefined);
    out.push(...section(`(c) churn after (b): ${c?.deleted.length} gangs (${(input.churnShare * 100).toFixed(0)} %) deleted, ${c?.created.length} of the same shapes created`, churnRows(input), ids));
  }
  return out;
}

/** The issue's goals, printed (never asserted): one line each, with the figures they compare. */
export function goalLines(input: ReportInput): string[] {
  const avg = (p: PassResult | undefined, times: (p: PassResult) => number[]) => (p ? summarize(throughputSamples(times(p))).average : NaN);
  const pods = (p: PassResult) => [...p.bindTimes.values()];
  const kube = input.results.kube;
  const ours = input.results.podgang;
  const lines: string[] = [];
  const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
  if (kube?.plain && ours?.plain) {
    const [k, o] = [avg(kube.plain, pods), avg(ours.plain, pods)];
    lines.push(`(a) pods/s ≥ kube-scheduler's: ${o.toFixed(1)} vs ${k.toFixed(1)} → ${verdict(o >= k)}`);
  }
  if (kube?.gang && ours?.gang) {
    const [k, o] = [avg(kube.gang, pods), avg(ours.gang, pods)];
    lines.push(`(b) pods/s ≥ 80 % of kube-scheduler's: ${o.toFixed(1)} vs ${(0.8 * k).toFixed(1)} → ${verdict(o >= 0.8 * k)}`);
  }
  const byId = new Map(input.nodes.map((n) => [n.name, n]));
  for (const [label, gangs, placement] of [
    ['(b)', input.gangs, ours?.gang?.placement],
    ['(c)', ours?.churn?.alive ?? [], ours?.churn?.placement],
  ] as const) {
    if (placement === undefined) continue;
    const q = gangQuality(gangs, placement, byId);
    lines.push(`${label} podgang-scheduler: required met ${q.requiredMet}/${q.withRequired} placed, partial gangs ${q.partial} → ${verdict(q.requiredMet === q.withRequired && q.partial === 0)}`);
  }
  return lines;
}

/** How each pass ended (all bound, quiet, timeout or crashed), one line per scheduler. */
export function passNotes(input: ReportInput, quietSeconds: number): string[] {
  const how = (end: EndReason | undefined) => (end === undefined ? undefined : end === 'quiet' ? `quiet (no bind for ${quietSeconds} s)` : end);
  return input.schedulers.map((id) => {
    const r = input.results[id];
    const parts = [['a', how(r?.plain?.end)], ['b', how(r?.gang?.end)], ['c', how(r?.churn?.end)]].filter(([, v]) => v !== undefined).map(([k, v]) => `(${k}) ${v}`);
    return `${LABELS[id]} passes ended: ${parts.join(', ') || 'none ran'}`;
  });
}
