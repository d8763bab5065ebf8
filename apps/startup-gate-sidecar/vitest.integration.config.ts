import { defineConfig } from 'vitest/config';

const conditions = ['@grove/source'];

// The sidecar as a process against the real local API server: the shared cluster (one namespace per
// test) and, for the API server restart, a private control plane of its own.
export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    include: ['test/integration/**/*.integration.test.ts'],
    environment: 'node',
    globalSetup: ['@grove/testing/cluster-setup'],
    testTimeout: 90_000,
    hookTimeout: 180_000,
    // The cluster is shared with other suites on 2 cores.
    maxWorkers: 2,
  },
});
