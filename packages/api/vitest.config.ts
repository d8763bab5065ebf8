import { defineConfig } from 'vitest/config';

// `@grove/source` makes sibling workspace packages resolve to their `src/` (see tsconfig.base.json).
const conditions = ['@grove/source'];

// Unit tests only; the CRD tests against the API server run with vitest.integration.config.ts.
export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    include: ['src/**/*.test.ts', 'test/unit/**/*.test.ts'],
    environment: 'node',
    reporters: ['default'],
  },
});
