import { defineConfig } from 'vitest/config';

// Integration tests start a whole Vaka on a real database per file; two workers suit a 2-core machine.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts', 'bench/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // On a PostgreSQL server, two queries at once on one connection fail the test (decision 0022).
    setupFiles: ['src/platform/testing/one-query-at-a-time.ts'],
  },
});
