import { defineConfig } from 'vitest/config';

const conditions = ['@grove/source'];

// Tests against the real local API server: the shared cluster (started or reused by the global
// setup) and, for the tests that kill kube-apiserver, a private one they start themselves.
export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    include: ['test/**/*.integration.test.ts'],
    environment: 'node',
    globalSetup: ['@grove/testing/cluster-setup'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // The cluster is shared with other suites on 2 cores.
    maxWorkers: 2,
  },
});
