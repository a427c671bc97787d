import { defineConfig } from 'vitest/config';

// Browser journeys: one Chromium per file, files one after another (the machine has two cores).
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 120_000,
    // A page on a busy 2-core machine may take seconds to sign in (argon2) and load a route.
    expect: { poll: { timeout: 15_000, interval: 100 } },
  },
});
