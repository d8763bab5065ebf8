/** The scheduler's Prometheus metrics, on the deployable's registry (served on `/metrics`). */
import { Counter, Gauge, Histogram, type Registry } from '@grove/telemetry/metrics';

export type AttemptResult = 'scheduled' | 'unschedulable' | 'error';

export interface SchedulerMetrics {
  attempt(result: AttemptResult): void;
  cycle(seconds: number): void;
  gangLatency(seconds: number): void;
  bind(seconds: number, result: 'bound' | 'failed'): void;
}

export function schedulerMetrics(registry: Registry, pending: () => { gangs: number; pods: number }): SchedulerMetrics {
  const attempts = new Counter({ name: 'grove_scheduler_attempts_total', help: 'Scheduling attempts of gangs and plain pods, by result.', labelNames: ['result'], registers: [registry] });
  const cycles = new Histogram({
    name: 'grove_scheduler_cycle_duration_seconds',
    help: 'Duration of one scheduling cycle (placement and assumption, bindings excluded).',
    buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'grove_scheduler_gang_scheduling_latency_seconds',
    help: 'From a gang first found ready to schedule to its minimum bound.',
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900],
    registers: [registry],
  });
  const binds = new Histogram({
    name: 'grove_scheduler_bind_duration_seconds',
    help: 'Duration of one pod binding, retries included.',
    labelNames: ['result'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
    registers: [registry],
  });
  new Gauge({
    name: 'grove_scheduler_pending_gangs',
    help: 'PodGangs in the scheduling queue (ready and waiting for a placement, or unschedulable).',
    registers: [registry],
    collect() {
      this.set(pending().gangs);
    },
  });
  new Gauge({
    name: 'grove_scheduler_pending_pods',
    help: 'Pods without a PodGang in the scheduling queue.',
    registers: [registry],
    collect() {
      this.set(pending().pods);
    },
  });
  return {
    attempt: (result) => attempts.inc({ result }),
    cycle: (seconds) => cycles.observe(seconds),
    gangLatency: (seconds) => latency.observe(seconds),
    bind: (seconds, result) => binds.observe({ result }, seconds),
  };
}
