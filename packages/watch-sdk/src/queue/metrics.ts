/**
 * What a work queue reports, mirroring client-go's `workqueue` metrics. The queue stays free of
 * any metrics library: the manager adapts this interface to prom-client.
 */
export interface WorkQueueMetrics {
  /** A key was accepted (`workqueue_adds_total`). */
  added(): void;
  /** The number of keys waiting to be handed out (`workqueue_depth`). */
  depth(value: number): void;
  /** Seconds a key waited between being added and handed out (`workqueue_queue_duration_seconds`). */
  waited(seconds: number): void;
  /** Seconds a worker held a key (`workqueue_work_duration_seconds`). */
  worked(seconds: number): void;
  /** A key was re-added through the rate limiter (`workqueue_retries_total`). */
  retried(): void;
}

export const noopQueueMetrics: WorkQueueMetrics = {
  added: () => undefined,
  depth: () => undefined,
  waited: () => undefined,
  worked: () => undefined,
  retried: () => undefined,
};

/** Work handed out and not yet `done`, for the unfinished-work gauges. */
export interface InFlightWork {
  /** Seconds summed over every key in processing. */
  totalSeconds: number;
  /** Seconds the oldest key in processing has been held. */
  longestSeconds: number;
}
