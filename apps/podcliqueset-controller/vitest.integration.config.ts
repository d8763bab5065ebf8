import { defineConfig } from 'vitest/config';

const conditions = ['@grove/source'];

// The admission webhook against the real local API server: one cluster per run, started or reused
// by the global setup; each file starts its own webhook server and fenced-in registrations.
export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    include: ['test/integration/**/*.integration.test.ts'],
    environment: 'node',
    globalSetup: ['@grove/testing/cluster-setup'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // The cluster is shared with other suites on 2 cores.
    maxWorkers: 2,
  },
});
