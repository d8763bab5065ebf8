/**
 * controller-runtime's metrics, under its names and labels, so existing dashboards and alerts work:
 * `controller_runtime_reconcile_total{controller,result}`, `..._reconcile_time_seconds`,
 * `workqueue_depth{name,controller}`, `workqueue_adds_total`, `workqueue_queue_duration_seconds`, …
 * Plus `grove_watch_*` counters for the watch streams (reconnects and relists, not spans: lesson 10),
 * and `grove_kube_api_requests_total{verb,resource}`: every request the SDK sent to the API server.
 */
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { ControllerMetrics } from '../controller/metrics.js';
import { kubeRequestKind, type KubeRequestObserver } from '../http/kube-request.js';
import type { InFlightWork, WorkQueueMetrics } from '../queue/metrics.js';
import type { ListWatchObserver } from '../watch/list-watch.js';

// controller-runtime's buckets for reconcile time, and client-go's for the work queue.
const RECONCILE_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9, 1, 1.25, 1.5, 1.75, 2, 2.5, 3, 3.5, 4, 4.5, 5, 6, 7, 8, 9, 10, 15, 20, 25, 30, 40, 50, 60];
const QUEUE_BUCKETS = Array.from({ length: 10 }, (_, i) => 1e-8 * 10 ** i);

type Labels<L extends string> = { registers: Registry[]; labelNames: L[] };

function controllerMetricSet(registry: Registry) {
  const c: Labels<'controller'> = { registers: [registry], labelNames: ['controller'] };
  return {
    total: new Counter({ name: 'controller_runtime_reconcile_total', help: 'Total number of reconciliations per controller', registers: [registry], labelNames: ['controller', 'result'] }),
    errors: new Counter({ name: 'controller_runtime_reconcile_errors_total', help: 'Total number of reconciliation errors per controller', ...c }),
    terminal: new Counter({ name: 'controller_runtime_terminal_reconcile_errors_total', help: 'Total number of terminal reconciliation errors per controller', ...c }),
    panics: new Counter({ name: 'controller_runtime_reconcile_panics_total', help: 'Total number of reconciliation panics (throws) per controller', ...c }),
    time: new Histogram({ name: 'controller_runtime_reconcile_time_seconds', help: 'Length of time per reconciliation per controller', buckets: RECONCILE_BUCKETS, ...c }),
    maxWorkers: new Gauge({ name: 'controller_runtime_max_concurrent_reconciles', help: 'Maximum number of concurrent reconciles per controller', ...c }),
    active: new Gauge({ name: 'controller_runtime_active_workers', help: 'Number of currently used workers per controller', ...c }),
  };
}

function queueMetricSet(registry: Registry, inFlight: Map<string, () => InFlightWork>) {
  const q: Labels<'name' | 'controller'> = { registers: [registry], labelNames: ['name', 'controller'] };
  const collectInFlight = (gauge: Gauge<'name' | 'controller'>, pick: (work: InFlightWork) => number) => {
    for (const [name, read] of inFlight) gauge.set({ name, controller: name }, pick(read()));
  };
  return {
    depth: new Gauge({ name: 'workqueue_depth', help: 'Current depth of workqueue', ...q }),
    adds: new Counter({ name: 'workqueue_adds_total', help: 'Total number of adds handled by workqueue', ...q }),
    waited: new Histogram({ name: 'workqueue_queue_duration_seconds', help: 'How long in seconds an item stays in workqueue before being requested', buckets: QUEUE_BUCKETS, ...q }),
    worked: new Histogram({ name: 'workqueue_work_duration_seconds', help: 'How long in seconds processing an item from workqueue takes', buckets: QUEUE_BUCKETS, ...q }),
    retries: new Counter({ name: 'workqueue_retries_total', help: 'Total number of retries handled by workqueue', ...q }),
    unfinished: new Gauge({
      name: 'workqueue_unfinished_work_seconds',
      help: 'How many seconds of work has been done that is in progress and hasn\'t been observed by work_duration',
      ...q,
      collect() { collectInFlight(this, (w) => w.totalSeconds); },
    }),
    longest: new Gauge({
      name: 'workqueue_longest_running_processor_seconds',
      help: 'How many seconds has the longest running processor for workqueue been running',
      ...q,
      collect() { collectInFlight(this, (w) => w.longestSeconds); },
    }),
  };
}

function watchMetricSet(registry: Registry) {
  const w: Labels<'resource'> = { registers: [registry], labelNames: ['resource'] };
  return {
    lists: new Counter({ name: 'grove_watch_lists_total', help: 'Complete lists of a watched resource (first list and relists)', ...w }),
    relists: new Counter({ name: 'grove_watch_gone_total', help: 'Watches ended by 410 Gone, each followed by a relist', ...w }),
    retries: new Counter({ name: 'grove_watch_retries_total', help: 'Failed list or watch requests retried after backoff', ...w }),
  };
}

function requestMetricSet(registry: Registry) {
  return new Counter({
    name: 'grove_kube_api_requests_total',
    help: 'Requests sent to the API server through the SDK (lists, watches, reads and writes), by RBAC verb and resource',
    registers: [registry],
    labelNames: ['verb', 'resource'],
  });
}

/** The metric families of one manager, registered once on its registry. */
export class ControllerRuntimeMetrics {
  private readonly inFlight = new Map<string, () => InFlightWork>();
  private readonly controllers: ReturnType<typeof controllerMetricSet>;
  private readonly queues: ReturnType<typeof queueMetricSet>;
  private readonly watches: ReturnType<typeof watchMetricSet>;
  private readonly requests: ReturnType<typeof requestMetricSet>;

  constructor(registry: Registry) {
    this.controllers = controllerMetricSet(registry);
    this.queues = queueMetricSet(registry, this.inFlight);
    this.watches = watchMetricSet(registry);
    this.requests = requestMetricSet(registry);
  }

  /** Counts a request in `grove_kube_api_requests_total`; hand it to `observeKubeRequests`. */
  readonly kubeRequest: KubeRequestObserver = (request) => {
    this.requests.inc({ ...kubeRequestKind(request) });
  };

  controller(name: string): ControllerMetrics {
    const m = this.controllers;
    const labels = { controller: name };
    return {
      reconciled: (result, seconds) => {
        m.total.inc({ controller: name, result });
        m.time.observe(labels, seconds);
      },
      failed: (terminal) => (terminal ? m.terminal : m.errors).inc(labels),
      threw: () => m.panics.inc(labels),
      workers: (max, active) => {
        m.maxWorkers.set(labels, max);
        m.active.set(labels, active);
      },
    };
  }

  /** The queue of controller `name`; `inFlight` is read at scrape time for the unfinished-work gauges. */
  queue(name: string, inFlight: () => InFlightWork): WorkQueueMetrics {
    const m = this.queues;
    const labels = { name, controller: name };
    this.inFlight.set(name, inFlight);
    return {
      added: () => m.adds.inc(labels),
      depth: (value) => m.depth.set(labels, value),
      waited: (seconds) => m.waited.observe(labels, seconds),
      worked: (seconds) => m.worked.observe(labels, seconds),
      retried: () => m.retries.inc(labels),
    };
  }

  watch(resource: string): ListWatchObserver {
    const m = this.watches;
    const labels = { resource };
    return {
      listed: () => m.lists.inc(labels),
      relisting: () => m.relists.inc(labels),
      retrying: () => m.retries.inc(labels),
    };
  }
}
