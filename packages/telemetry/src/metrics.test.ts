import { describe, expect, it } from 'vitest';
import { Counter, createMetricsRegistry } from './metrics.js';

describe('createMetricsRegistry', () => {
  it('is a private registry with process metrics and the default labels', async () => {
    const registry = createMetricsRegistry({ labels: { app: 'test' } });
    new Counter({ name: 'things_total', help: 'things', registers: [registry] }).inc();
    const text = await registry.metrics();
    expect(text).toContain('things_total{app="test"} 1');
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(createMetricsRegistry({ defaultMetrics: false }).getMetricsAsArray()).toEqual([]);
  });
});
