import { defineConfig } from 'vitest/config';

// One template database per run, so suites of several engineers on one server never collide.
// Set in the main process; the test workers inherit it.
process.env.CXS_TEST_RUN ??= String(process.pid);

export default defineConfig({
  test: {
    include: ['src/**/*.spec.ts', 'test/**/*.spec.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Each suite gets its own database cloned from a migrated, demo-loaded template.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
