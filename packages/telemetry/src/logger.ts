import { hostname } from 'node:os';
import { destination, pino, stdTimeFunctions, type DestinationStream, type Logger } from 'pino';
import { reduceKubeObjects } from './kube-object.js';
import { traceMixin } from './trace-mixin.js';

export type { Logger } from 'pino';

export interface LoggerConfig {
  /** The deployable or component name, written as `name` on every line. */
  name: string;
  /** A pino level name; `info` when omitted. */
  level?: string;
  /** Fields added to every line. */
  base?: Record<string, unknown>;
  /** Where JSON lines go; synchronous stdout when omitted (tests pass a stream). */
  destination?: DestinationStream;
}

/**
 * Builds a JSON logger. Nothing is read from the environment: the caller (a `main.ts`) decides the
 * level. Kubernetes objects in top-level fields are reduced to `{kind, namespace, name,
 * resourceVersion}`, and `trace_id`/`span_id` are added while an OTel span is active.
 */
export function createLogger(config: LoggerConfig): Logger {
  return pino(
    {
      name: config.name,
      level: config.level ?? 'info',
      base: { hostname: hostname(), ...config.base },
      timestamp: stdTimeFunctions.isoTime,
      mixin: traceMixin,
      formatters: {
        level: (label) => ({ level: label }),
        log: reduceKubeObjects,
      },
    },
    config.destination ?? destination({ dest: 1, sync: true }),
  );
}
