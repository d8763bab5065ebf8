import { defineConfig } from 'vitest/config';

const conditions = ['@grove/source'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    include: ['src/**/*.e2e.test.ts'],
    environment: 'node',
    globalSetup: ['@grove/testing/cluster-setup'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Suites share one control plane on 2 cores: a few files at a time keeps timings honest.
    maxWorkers: 2,
  },
});
