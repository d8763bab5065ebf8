/**
 * The wait itself: list-then-watch the pods of this pod's PodGang (one namespace, one label
 * selector, nothing else is readable with the gate's Role), count Ready pods per dependency, and
 * settle as soon as every dependency has its count. The stream (`listWatch$` of @grove/watch-sdk)
 * resumes expired watches, relists on 410 Gone and retries a restarting API server for ever; the
 * gate adds the ways a wait ends: open, forbidden, timed out, aborted.
 */
import { LABEL } from '@grove/api';
import type { Logger } from '@grove/telemetry';
import { BUILTIN, listWatch$, WatchError, type BackoffPolicy, type ListWatchObserver, type ListWatchTransport } from '@grove/watch-sdk/watch';
import { Subscription } from 'rxjs';
import type { PodCliqueDependency } from './config.js';
import { ReadinessTracker, type DependencyCount, type GatePod } from './readiness.js';

export type GateOutcome =
  | { readonly kind: 'open'; readonly counts: DependencyCount[] }
  /** The API server keeps refusing the credentials or the pod read: `message` says which. */
  | { readonly kind: 'forbidden'; readonly message: string; readonly counts: DependencyCount[] }
  | { readonly kind: 'timeout'; readonly counts: DependencyCount[] }
  | { readonly kind: 'aborted'; readonly counts: DependencyCount[] };

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export interface GateDeps {
  readonly transport: ListWatchTransport;
  readonly namespace: string;
  readonly podGang: string;
  readonly dependencies: readonly PodCliqueDependency[];
  readonly logger: Pick<Logger, 'info' | 'debug' | 'error'>;
  /** Called with the counts whenever one of them changed. */
  readonly onProgress: (counts: DependencyCount[]) => void;
  /** Aborting ends the wait with `aborted`. */
  readonly signal: AbortSignal;
  readonly timeoutMs?: number;
  /**
   * Consecutive 401/403 answers before the gate gives up. More than one, because an API server
   * that has just restarted may refuse requests until its RBAC caches are filled. Default 3.
   */
  readonly authFailureLimit?: number;
  /** The stream's retry backoff; the SDK's default (0.8 s doubling to 30 s) unless a test shortens it. */
  readonly backoff?: Partial<BackoffPolicy>;
}

function authStatus(err: unknown): 401 | 403 | undefined {
  const status = err instanceof WatchError ? err.status : undefined;
  return status === 401 || status === 403 ? status : undefined;
}

/** The API server's own words, without the `403 from <path>: ` the SDK puts in front. */
function serverMessage(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.replace(/^\d{3} from \S+: /, '');
}

function forbiddenMessage(err: unknown, namespace: string): string {
  const what = authStatus(err) === 401 ? 'credentials rejected' : `needs get/list/watch on pods in namespace ${namespace}`;
  return `${what}: ${serverMessage(err)}`;
}

export function waitForDependencies(deps: GateDeps): Promise<GateOutcome> {
  const { logger, signal, namespace } = deps;
  const tracker = new ReadinessTracker(deps.dependencies);
  const authFailureLimit = deps.authFailureLimit ?? 3;
  const subscription = new Subscription();
  let authFailures = 0;
  let failing = false;

  return new Promise<GateOutcome>((resolve) => {
    let settled = false;
    const finish = (outcome: DistributiveOmit<GateOutcome, 'counts'>): void => {
      if (settled) return;
      settled = true;
      subscription.unsubscribe();
      resolve({ ...outcome, counts: tracker.counts() });
    };
    const onAbort = (): void => finish({ kind: 'aborted' });
    signal.addEventListener('abort', onAbort, { once: true });
    subscription.add(() => signal.removeEventListener('abort', onAbort));
    if (deps.timeoutMs !== undefined) {
      const timer = setTimeout(() => finish({ kind: 'timeout' }), deps.timeoutMs);
      subscription.add(() => clearTimeout(timer));
    }

    const observer: ListWatchObserver = {
      listed: (items, resourceVersion) => logger.debug({ items, resourceVersion, uptimeMs: Math.round(performance.now()) }, 'listed pods'),
      relisting: (err) => logger.debug({ reason: err.message }, 'watch expired, relisting'),
      retrying: (err, attempt, retryInMs) => {
        authFailures = authStatus(err) === undefined ? 0 : authFailures + 1;
        if (authFailures >= authFailureLimit) {
          finish({ kind: 'forbidden', message: forbiddenMessage(err, namespace) });
          return;
        }
        // One error line per outage, not one per retry.
        if (!failing) logger.error({ err, attempt, retryInMs }, 'pod watch failed, retrying');
        else logger.debug({ err: (err as Error).message, attempt, retryInMs }, 'pod watch failed, retrying');
        failing = true;
      },
    };

    if (signal.aborted) return onAbort();
    const labelSelector = `${LABEL.podGang}=${deps.podGang}`;
    logger.debug({ namespace, labelSelector, uptimeMs: Math.round(performance.now()) }, 'starting pod watch');
    subscription.add(
      listWatch$<GatePod>(deps.transport, BUILTIN.pods, { namespace, labelSelector, observer, ...(deps.backoff && { backoff: deps.backoff }) }).subscribe((event) => {
        authFailures = 0;
        if (failing) logger.info('pod watch resumed');
        failing = false;
        if (tracker.apply(event)) deps.onProgress(tracker.counts());
        if (tracker.satisfied()) finish({ kind: 'open' });
      }),
    );
  });
}
