/**
 * Trace context carried from a parent object to the children it creates: the parent's reconcile
 * writes the W3C `traceparent` of its active span into an annotation on each child, and the child's
 * reconcile starts its span under that remote parent, so one user change is one trace across
 * deployables. Pure helpers over `@opentelemetry/api`: without a registered SDK there is no valid
 * active span and nothing is written.
 */
import { context as otelContext, type Context, type TextMapGetter, type TextMapSetter } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';

export const TRACEPARENT_ANNOTATION = 'grove.io/traceparent';

type Annotations = Readonly<Record<string, string | undefined>>;

const propagator = new W3CTraceContextPropagator();
const TRACEPARENT = 'traceparent';

const setter: TextMapSetter<Record<string, string>> = {
  set: (carrier, key, value) => {
    carrier[key] = value;
  },
};

/** Reads only the traceparent, from its annotation (tracestate is not carried). */
const getter: TextMapGetter<Annotations> = {
  keys: () => [TRACEPARENT],
  get: (annotations, key) => (key === TRACEPARENT ? annotations[TRACEPARENT_ANNOTATION] : undefined),
};

/** The W3C `traceparent` of the span active in `ctx`, or undefined when there is no valid span. */
export function traceparentFromContext(ctx: Context = otelContext.active()): string | undefined {
  const carrier: Record<string, string> = {};
  propagator.inject(ctx, carrier, setter);
  return carrier[TRACEPARENT];
}

/** `{'grove.io/traceparent': ...}` for the active span, or `{}`: spread into a child's annotations. */
export function traceAnnotations(ctx: Context = otelContext.active()): Record<string, string> {
  const traceparent = traceparentFromContext(ctx);
  return traceparent === undefined ? {} : { [TRACEPARENT_ANNOTATION]: traceparent };
}

/**
 * `base` with the remote span context from the `grove.io/traceparent` annotation, so a span started
 * in it is that span's child; `base` unchanged when the annotation is missing or malformed.
 */
export function contextFromAnnotations(annotations: Annotations | undefined, base: Context = otelContext.active()): Context {
  if (annotations?.[TRACEPARENT_ANNOTATION] === undefined) return base;
  return propagator.extract(base, annotations, getter);
}
