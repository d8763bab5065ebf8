import { defineConfig } from 'vitest/config';

// `@grove/source` makes sibling workspace packages resolve to their `src/` (see tsconfig.base.json).
const conditions = ['@grove/source'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    reporters: ['default'],
  },
});
