/**
 * Kubernetes Events (core/v1) about the objects a controller manages, with client-go's aggregation:
 * the same event (object, type, reason, message) within `windowMs` bumps `count` on the existing
 * Event instead of creating another, so a failing reconcile retried with backoff writes one Event,
 * not hundreds. Reasons are constants (`FailedCreate`, `GangProgressing`); the message carries detail.
 *
 * Recording is fire-and-forget: an Event that cannot be written must never fail a reconcile.
 */
import { randomBytes } from 'node:crypto';
import { systemClock, type Clock } from '../queue/clock.js';

export type EventType = 'Normal' | 'Warning';

/** The object an Event is about: what `involvedObject` needs. */
export interface InvolvedObject {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string; uid?: string; resourceVersion?: string };
}

export interface CoreEvent {
  metadata: { name: string; namespace: string };
  involvedObject: { apiVersion?: string | undefined; kind?: string | undefined; name?: string | undefined; namespace?: string | undefined; uid?: string | undefined; resourceVersion?: string | undefined };
  type: EventType;
  reason: string;
  message: string;
  count: number;
  firstTimestamp: string;
  lastTimestamp: string;
  source: { component: string };
  reportingComponent: string;
  reportingInstance: string;
}

/** Where Events go; `kubeEventSink` writes them to the API server. */
export interface EventSink {
  create(event: CoreEvent): Promise<void>;
  /** Updates the count and last timestamp of an Event created before. */
  bump(namespace: string, name: string, count: number, lastTimestamp: string): Promise<void>;
}

export interface EventRecorderOptions {
  sink: EventSink;
  /** `source.component` and `reportingComponent`: the deployable, e.g. `grove-podcliqueset-controller`. */
  component: string;
  /** `reportingInstance`, e.g. the pod name. */
  instance?: string;
  /** Default 10 minutes (client-go's aggregation window). */
  windowMs?: number;
  clock?: Clock;
  /** Told about Events that could not be written (at debug level, typically). */
  onError?: (err: unknown) => void;
}

interface Seen {
  namespace: string;
  name: string;
  count: number;
  lastAt: number;
  /** The write in flight for this event: bumps wait for the create. */
  written: Promise<void>;
}

const MAX_TRACKED = 4096;

export class EventRecorder {
  private readonly seen = new Map<string, Seen>();
  private readonly clock: Clock;

  constructor(private readonly options: EventRecorderOptions) {
    this.clock = options.clock ?? systemClock;
  }

  /** Records an Event; returns the write, which callers normally do not await. */
  record(object: InvolvedObject, type: EventType, reason: string, message: string): Promise<void> {
    const meta = object.metadata ?? {};
    const key = [meta.namespace, meta.name, meta.uid, type, reason, message].join('\u0000');
    const now = this.clock.now();
    const previous = this.seen.get(key);
    const timestamp = new Date().toISOString();
    if (previous !== undefined && now - previous.lastAt < (this.options.windowMs ?? 600_000)) {
      previous.count += 1;
      previous.lastAt = now;
      const count = previous.count;
      previous.written = previous.written.then(() => this.options.sink.bump(previous.namespace, previous.name, count, timestamp));
      return this.settle(previous.written);
    }
    const event = this.newEvent(object, type, reason, message, timestamp);
    // An Event that could not be created is forgotten, so the next occurrence tries a new one.
    const written = this.options.sink.create(event).catch((err: unknown) => {
      if (this.seen.get(key) === entry) this.seen.delete(key);
      throw err;
    });
    const entry: Seen = { namespace: event.metadata.namespace, name: event.metadata.name, count: 1, lastAt: now, written };
    this.remember(key, entry);
    return this.settle(entry.written);
  }

  private newEvent(object: InvolvedObject, type: EventType, reason: string, message: string, timestamp: string): CoreEvent {
    const meta = object.metadata ?? {};
    const namespace = meta.namespace ?? 'default';
    return {
      // client-go's naming: the object's name and a unique suffix.
      metadata: { name: `${meta.name ?? 'object'}.${randomBytes(8).toString('hex')}`, namespace },
      involvedObject: { apiVersion: object.apiVersion, kind: object.kind, name: meta.name, namespace: meta.namespace, uid: meta.uid, resourceVersion: meta.resourceVersion },
      type,
      reason,
      message,
      count: 1,
      firstTimestamp: timestamp,
      lastTimestamp: timestamp,
      source: { component: this.options.component },
      reportingComponent: this.options.component,
      reportingInstance: this.options.instance ?? this.options.component,
    };
  }

  private remember(key: string, entry: Seen): void {
    this.seen.delete(key);
    this.seen.set(key, entry);
    // Maps iterate in insertion order: the first key is the least recently recorded one.
    if (this.seen.size > MAX_TRACKED) this.seen.delete(this.seen.keys().next().value as string);
  }

  private settle(write: Promise<void>): Promise<void> {
    return write.then(
      () => undefined,
      (err: unknown) => void this.options.onError?.(err),
    );
  }
}
