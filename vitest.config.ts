import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Tests that restart the shared Docker engine run alone, in a second vitest run (deploy/test.sh).
    exclude: ['**/node_modules/**', ...(process.env.PAAS_TEST_SERIAL ? [] : ['test/integration/serial/**'])],
    globalSetup: ['test/setup/global.ts'],
    // Integration tests run real dockerd, nginx and git: processes, not threads, and generous timeouts.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
