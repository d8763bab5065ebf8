import { defineConfig } from 'vitest/config';

const conditions = ['@grove/source'];

// Tests against the real local API server (the CRDs in test/crds, the typed client in test/client):
// one cluster per run, started or reused by the global setup.
export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    include: ['test/crds/**/*.integration.test.ts', 'test/client/**/*.integration.test.ts'],
    environment: 'node',
    globalSetup: ['@grove/testing/cluster-setup'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // The cluster is shared with other suites on 2 cores.
    maxWorkers: 2,
  },
});
