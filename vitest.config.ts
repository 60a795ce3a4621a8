import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Build once per run with the real rollup config: browser tests load the built
    // SDK, process tests start the built collector, as users do.
    globalSetup: ['tests/setup/build.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/sdk/**/*.test.ts', 'tests/collector/**/*.test.ts'],
          environment: 'node',
          // Some of these start real servers and processes; two busy cores need room.
          testTimeout: 60_000,
          hookTimeout: 90_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Two cores: browsers in parallel only compete for them.
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'size',
          // Budgets on the minified bundles, built in memory with the real rollup plugins.
          include: ['tests/size/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'runtimes',
          // sqld, Bun, Deno and workerd: installed into tests/runtimes on first use.
          include: ['tests/runtimes/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
