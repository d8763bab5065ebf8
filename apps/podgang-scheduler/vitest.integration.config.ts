import { defineConfig } from 'vitest/config';

const conditions = ['@grove/source'];

// The scheduler in-process against the real local API server (started or reused by the global
// setup), on KWOK nodes each test owns, with a scheduler name unique to the run.
export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    include: ['test/integration/**/*.integration.test.ts'],
    environment: 'node',
    globalSetup: ['@grove/testing/cluster-setup'],
    testTimeout: 90_000,
    hookTimeout: 120_000,
    // The cluster is shared with other suites on 2 cores.
    maxWorkers: 1,
  },
});
