/**
 * A controller: keys from its sources go into a {@link WorkQueue}; N workers take them and call
 * `reconcile`. The queue guarantees no two workers ever hold the same key; the result decides what
 * happens to the key next (see {@link ReconcileResult}). A throw is caught, logged once, and
 * retried with backoff like an error result.
 */
import { randomUUID } from 'node:crypto';
import type { Observable, Subscription } from 'rxjs';
import { contextFromAnnotations, type Logger } from '@grove/telemetry';
import { keyString, parseKey, type ObjectKey } from '../keys.js';
import { systemClock, type Clock, type Timer } from '../queue/clock.js';
import type { WorkQueueMetrics } from '../queue/metrics.js';
import { type Priority, WorkQueue, type WorkQueueOptions } from '../queue/work-queue.js';
import { isTerminal, ReconcileError } from './errors.js';
import { noopControllerMetrics, type ControllerMetrics, type ReconcileOutcome } from './metrics.js';
import { fail, type ReconcileResult } from './result.js';
import { inReconcileSpan, recordResult } from './trace.js';

export type ControllerLogger = Pick<Logger, 'info' | 'error' | 'debug' | 'child'>;

export interface ReconcileContext {
  /** A child logger with `controller`, `reconcileId`, `namespace` and `name`. */
  logger: ControllerLogger;
  /** Aborted when the controller gives up waiting for in-flight work at shutdown. */
  signal: AbortSignal;
  reconcileId: string;
}

export type Reconcile = (key: ObjectKey, context: ReconcileContext) => Promise<ReconcileResult>;

/** Something to wait for before the first reconcile: the informers the reconcile reads. */
export interface Syncable {
  waitForSync(signal?: AbortSignal): Promise<boolean>;
}

export interface ControllerOptions {
  /** The `controller` label of logs and metrics; unique per manager. */
  name: string;
  /** The reconciled kind, for the span name `reconcile <kind>`; the controller name by default. */
  kind?: string;
  reconcile: Reconcile;
  /**
   * The annotations of the object behind a key, usually from the informer cache:
   * `(key) => informer.store.get(keyString(key))?.metadata?.annotations`. A `grove.io/traceparent`
   * among them makes the reconcile span a child of the span that created the object, so one change
   * is one trace.
   */
  annotations?: (key: ObjectKey) => Readonly<Record<string, string | undefined>> | undefined;
  /** Streams of keys to reconcile, built from informers with the handler operators. */
  sources: readonly Observable<ObjectKey>[];
  /** Caches to wait for before starting the workers. */
  waitFor?: readonly Syncable[];
  /** Concurrent reconciles (of different keys). Default 1. */
  workers?: number;
  logger: ControllerLogger;
  metrics?: ControllerMetrics;
  queueMetrics?: WorkQueueMetrics;
  queue?: Omit<WorkQueueOptions, 'metrics'>;
}

export class Controller {
  readonly name: string;
  readonly queue: WorkQueue;
  private readonly abort = new AbortController();
  private readonly metrics: ControllerMetrics;
  private readonly clock: Clock;
  private readonly maxWorkers: number;
  private subscriptions: Subscription[] = [];
  private workers: Promise<void>[] = [];
  private active = 0;

  constructor(private readonly options: ControllerOptions) {
    this.name = options.name;
    this.metrics = options.metrics ?? noopControllerMetrics;
    this.clock = options.queue?.clock ?? systemClock;
    this.maxWorkers = Math.max(1, options.workers ?? 1);
    const queueOptions = { ...options.queue, ...(options.queueMetrics && { metrics: options.queueMetrics }) };
    this.queue = new WorkQueue(queueOptions);
  }

  /**
   * Subscribes to the sources, waits for the caches, then starts the workers. Resolves `false` if
   * stopped before the caches synced, `true` once the workers run.
   */
  async start(): Promise<boolean> {
    // Until the caches are synced, keys come from the initial lists: they queue at low priority,
    // so that after a restart a real change is not stuck behind every object of the cluster.
    let priority: Priority = 'low';
    this.subscriptions = this.options.sources.map((source) =>
      source.subscribe({
        next: (key) => this.queue.add(keyString(key), priority),
        error: (err: unknown) => this.options.logger.error({ err, controller: this.name }, 'event source failed'),
      }),
    );
    const synced = await Promise.all((this.options.waitFor ?? []).map((s) => s.waitForSync(this.abort.signal)));
    priority = 'high';
    if (!synced.every(Boolean) || this.queue.isShuttingDown) return false;
    this.metrics.workers(this.maxWorkers, 0);
    this.workers = Array.from({ length: this.maxWorkers }, () => this.work());
    return true;
  }

  /**
   * Stops taking keys, lets in-flight reconciles finish for up to `deadlineMs`, then aborts their
   * signal and returns. Resolves `true` if everything finished in time.
   */
  async stop(deadlineMs: number): Promise<boolean> {
    for (const subscription of this.subscriptions) subscription.unsubscribe();
    this.subscriptions = [];
    const drained = this.queue.shutDownWithDrain().then(() => Promise.all(this.workers)).then(() => true);
    let timer: Timer | undefined;
    const timedOut = new Promise<false>((resolve) => (timer = this.clock.setTimer(deadlineMs, () => resolve(false))));
    const finished = await Promise.race([drained, timedOut]);
    timer?.cancel();
    this.abort.abort();
    return finished;
  }

  private async work(): Promise<void> {
    for (let key = await this.queue.get(); key !== undefined; key = await this.queue.get()) {
      this.metrics.workers(this.maxWorkers, ++this.active);
      try {
        await this.process(key);
      } finally {
        this.queue.done(key);
        this.metrics.workers(this.maxWorkers, --this.active);
      }
    }
  }

  private async process(key: string): Promise<void> {
    const objectKey = parseKey(key);
    const reconcileId = randomUUID();
    const attributes = { 'grove.controller': this.name, 'grove.reconcile_id': reconcileId, 'k8s.object.name': objectKey.name, ...(objectKey.namespace && { 'k8s.namespace.name': objectKey.namespace }) };
    await inReconcileSpan(`reconcile ${this.options.kind ?? this.name}`, attributes, async (span) => {
      // Created inside the span, so every line of this reconcile carries its trace id.
      const logger = this.options.logger.child({ controller: this.name, reconcileId, ...objectKey });
      const startedAt = this.clock.now();
      let result: ReconcileResult;
      try {
        result = await this.options.reconcile(objectKey, { logger, signal: this.abort.signal, reconcileId });
      } catch (err) {
        this.metrics.threw();
        result = fail(err instanceof Error ? err : new ReconcileError('ERR_RECONCILE_THROW', 'reconcile', String(err), { cause: err }));
      }
      recordResult(span, result);
      this.metrics.reconciled(this.apply(key, result, logger), (this.clock.now() - startedAt) / 1000);
    }, contextFromAnnotations(this.options.annotations?.(objectKey)));
  }

  /** Feeds the result back into the queue, logging a failure once; returns the metrics outcome. */
  private apply(key: string, result: ReconcileResult, logger: ControllerLogger): ReconcileOutcome {
    switch (result.kind) {
      case 'done':
        this.queue.forget(key);
        return 'success';
      case 'requeueAfter':
        this.queue.forget(key);
        this.queue.addAfter(key, result.ms);
        logger.debug({ requeueAfterMs: result.ms, reason: result.reason }, 'requeue');
        return 'requeue_after';
      case 'error': {
        const terminal = result.errors.length > 0 && result.errors.every(isTerminal);
        this.metrics.failed(terminal);
        if (terminal) this.queue.forget(key);
        else this.queue.addRateLimited(key);
        const errors = result.errors.map(describeError);
        logger.error({ errors, terminal, retries: this.queue.numRequeues(key) }, 'reconcile failed');
        return 'error';
      }
    }
  }
}

function describeError(err: Error): Record<string, unknown> {
  const { code, operation } = err as Partial<ReconcileError>;
  return { type: err.name, message: err.message, ...(code && { code }), ...(operation && { operation }), stack: err.stack };
}
