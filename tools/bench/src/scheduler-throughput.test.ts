import { describe, expect, it } from 'vitest';
import { overallRate, summarize, throughputSamples } from './scheduler-throughput.js';

describe('throughputSamples (scheduler_perf throughputCollector)', () => {
  it('ignores ticks before the first event and drops the first sample', () => {
    // Ticks at 1,2,3,4 s; the first event at 2.5 s opens the measurement at the 3 s tick.
    const times = [2500, 3100, 3200, 3900, 4000];
    expect(throughputSamples(times)).toEqual([4]);
  });

  it('folds empty intervals into the next non-empty one and repeats its rate', () => {
    // Opened at 1 s (1 event); nothing by 2 s and 3 s; 6 more by 4 s: 6 events over 3 s = 2/s, three times.
    const times = [500, 3100, 3200, 3300, 3400, 3500, 4000];
    expect(throughputSamples(times)).toEqual([2, 2, 2]);
  });

  it('does not sample events after the last tick', () => {
    expect(throughputSamples([100, 1500, 1600, 1700])).toEqual([]);
    expect(throughputSamples([])).toEqual([]);
  });
});

describe('summarize', () => {
  it('takes nearest-rank percentiles like upstream', () => {
    const s = summarize([10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
    expect(s).toEqual({ samples: 10, average: 55, p50: 50, p90: 90, p99: 100 });
  });

  it('is NaN without samples', () => {
    expect(summarize([]).average).toBeNaN();
  });
});

describe('overallRate', () => {
  it('is events per second from the start to the last event', () => {
    expect(overallRate([500, 1000, 2000, 4000])).toBe(1);
    expect(overallRate([])).toBeNaN();
  });
});
