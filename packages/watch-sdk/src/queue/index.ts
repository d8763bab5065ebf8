export { WorkQueue, type Priority, type WorkQueueOptions } from './work-queue.js';
export { DEFAULT_OVERALL_LIMIT, TokenBucket, type TokenBucketOptions } from './token-bucket.js';
export { DEFAULT_BACKOFF, ExponentialBackoff, type BackoffOptions } from './backoff.js';
export { FakeClock, systemClock, type Clock, type Timer } from './clock.js';
export { noopQueueMetrics, type InFlightWork, type WorkQueueMetrics } from './metrics.js';
