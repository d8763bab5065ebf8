/**
 * The manager: one per process. It owns the shared informers (so each kind is watched once), the
 * controllers, and their metrics; `start` runs them, `stop` shuts down gracefully within a deadline.
 * Health endpoints and SIGTERM are the deployable's (`runDeployable`); {@link startManager} joins the two.
 */
import type { Observable } from 'rxjs';
import type { Registry } from 'prom-client';
import type { Logger } from '@grove/telemetry';
import { Controller, type ControllerOptions, type Reconcile } from '../controller/controller.js';
import { InformerCache } from '../informer/informer-cache.js';
import type { ObjectKey } from '../keys.js';
import type { BackoffOptions } from '../queue/backoff.js';
import type { Clock } from '../queue/clock.js';
import { observeKubeRequests } from '../http/kube-request.js';
import type { ListWatchObserver, ListWatchOptions } from '../watch/list-watch.js';
import type { ListWatchTransport } from '../watch/transport.js';
import type { LeaderElector } from '../leader/leader-elector.js';
import { ControllerRuntimeMetrics } from './metrics.js';

export interface ManagerOptions {
  transport: ListWatchTransport;
  logger: Logger;
  /** Where the controller-runtime metrics are registered (the one `/metrics` serves). */
  registry: Registry;
  /** How long `stop` lets in-flight reconciles finish. Default 8 s (the deployable exits after 10 s). */
  stopDeadlineMs?: number;
  /** Backoff, page size and watch timeout of every watch stream. */
  streamOptions?: Omit<ListWatchOptions, 'namespace' | 'labelSelector' | 'fieldSelector' | 'observer'>;
  /** For tests: the clock of every controller's queue. */
  clock?: Clock;
  /**
   * When given, controllers run only while this replica holds the Lease; informers run (and the
   * manager reports ready) either way, so a standby takes over with warm caches.
   */
  leaderElection?: LeaderElector;
  /**
   * Called after leadership was lost and the controllers were stopped at once. The manager cannot
   * lead again (its queues are shut down): the process should exit and restart as a standby.
   */
  onLostLeadership?: () => void;
}

export interface ControllerSpec {
  /** Unique per manager: the `controller` label of logs and metrics. */
  name: string;
  /** The reconciled kind (`PodCliqueSet`): the span name is `reconcile <kind>`. */
  kind?: string;
  reconcile: Reconcile;
  /** The annotations of the object behind a key, for its `grove.io/traceparent` (see `ControllerOptions`). */
  annotations?: ControllerOptions['annotations'];
  /** The key streams, built from the shared informers with the handler operators. */
  watches: (informers: InformerCache) => readonly Observable<ObjectKey>[];
  /** Concurrent reconciles. Default 1. */
  workers?: number;
  backoff?: BackoffOptions;
}

export class Manager {
  readonly informers: InformerCache;
  readonly metrics: ControllerRuntimeMetrics;
  private readonly controllers: Controller[] = [];
  private readonly logger: Logger;
  private state: 'new' | 'started' | 'stopped' = 'new';
  /** Removes the request counter installed by `start`. */
  private unobserveRequests: () => void = () => undefined;

  constructor(private readonly options: ManagerOptions) {
    this.logger = options.logger;
    this.metrics = new ControllerRuntimeMetrics(options.registry);
    this.informers = new InformerCache({
      transport: options.transport,
      observer: (id) => this.watchObserver(id),
      ...(options.streamOptions && { streamOptions: options.streamOptions }),
    });
  }

  /** Adds a controller; before `start` only. */
  addController(spec: ControllerSpec): Controller {
    if (this.state !== 'new') throw new Error(`controller ${spec.name} added after the manager started`);
    if (this.controllers.some((c) => c.name === spec.name)) throw new Error(`duplicate controller name ${spec.name}`);
    // The unfinished-work gauges read the queue at scrape time, once the controller exists.
    const created: { controller?: Controller } = {};
    const idle = { totalSeconds: 0, longestSeconds: 0 };
    const queueMetrics = this.metrics.queue(spec.name, () => created.controller?.queue.inFlight() ?? idle);
    const controller = new Controller({
      name: spec.name,
      ...(spec.kind && { kind: spec.kind }),
      reconcile: spec.reconcile,
      ...(spec.annotations && { annotations: spec.annotations }),
      sources: spec.watches(this.informers),
      waitFor: [this.informers],
      workers: spec.workers ?? 1,
      logger: this.logger,
      metrics: this.metrics.controller(spec.name),
      queueMetrics,
      queue: { ...(spec.backoff && { backoff: spec.backoff }), ...(this.options.clock && { clock: this.options.clock }) },
    });
    created.controller = controller;
    this.controllers.push(controller);
    return controller;
  }

  /** True once every informer has its first list. */
  get hasSynced(): boolean {
    return this.informers.hasSynced;
  }

  get isLeader(): boolean {
    return this.options.leaderElection?.isLeader ?? this.state === 'started';
  }

  /**
   * Starts the informers, and the controllers now or, with leader election, once leading.
   * Resolves `true` once the caches are synced, `false` if `signal` aborted or `stop` ran first.
   */
  async start(signal?: AbortSignal): Promise<boolean> {
    if (this.state !== 'new') throw new Error('manager started twice');
    this.state = 'started';
    // The SDK's requests of this process count on this manager's registry while it runs.
    this.unobserveRequests = observeKubeRequests(this.metrics.kubeRequest);
    this.informers.start();
    const elector = this.options.leaderElection;
    if (elector === undefined) this.startControllers();
    else elector.start({ onStartedLeading: () => this.startControllers(), onStoppedLeading: () => this.lostLeadership() });
    const synced = await this.informers.waitForSync(signal);
    if (!synced || this.state !== 'started') return false;
    this.logger.info({ controllers: this.controllers.map((c) => c.name) }, 'caches synced');
    return true;
  }

  /**
   * Stops the controllers (in-flight reconciles get up to the deadline, then their signal aborts),
   * releases the Lease, then stops the watches. Resolves `true` if all work finished in time.
   */
  async stop(): Promise<boolean> {
    if (this.state === 'stopped') return true;
    this.state = 'stopped';
    const deadlineMs = this.options.stopDeadlineMs ?? 8_000;
    const finished = await Promise.all(this.controllers.map((c) => c.stop(deadlineMs)));
    await this.options.leaderElection?.stop(true);
    this.informers.stop();
    this.unobserveRequests();
    const clean = finished.every(Boolean);
    if (clean) this.logger.info('controllers stopped');
    else this.logger.error({ deadlineMs }, 'reconciles abandoned at the stop deadline');
    return clean;
  }

  private startControllers(): void {
    if (this.state !== 'started') return;
    this.logger.info({ leaderElection: this.options.leaderElection !== undefined }, 'starting controllers');
    for (const controller of this.controllers) {
      controller.start().catch((err: unknown) => this.logger.error({ err, controller: controller.name }, 'controller failed to start'));
    }
  }

  /** No reconcile may run past this point: another replica may be leading already. */
  private lostLeadership(): void {
    if (this.state !== 'started') return;
    this.state = 'stopped';
    this.logger.error('leader election lost, stopping controllers');
    for (const controller of this.controllers) void controller.stop(0);
    this.informers.stop();
    this.unobserveRequests();
    this.options.onLostLeadership?.();
  }

  /** Metrics for every stream; a failure is logged when it starts, not at every retry. */
  private watchObserver(resource: string): ListWatchObserver {
    const counters = this.metrics.watch(resource);
    const logger = this.logger;
    return {
      listed(items, resourceVersion) {
        counters.listed?.(items, resourceVersion);
        logger.debug({ resource, items, resourceVersion }, 'listed');
      },
      relisting(err) {
        counters.relisting?.(err);
        logger.info({ resource, err }, 'watch expired, relisting');
      },
      retrying(err, attempt, delayMs) {
        counters.retrying?.(err, attempt, delayMs);
        if (attempt === 1) logger.error({ resource, err, retryInMs: delayMs }, 'watch failed, retrying');
        else logger.debug({ resource, attempt, retryInMs: delayMs }, 'watch still failing');
      },
    };
  }
}
