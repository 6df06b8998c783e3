import { defineConfig } from 'vitest/config';

// bench/zero-downtime runs this: one long "test" that prints figures (vitest only because it runs TypeScript).
export default defineConfig({
  test: {
    include: ['bench/*.run.ts'],
    globalSetup: ['test/setup/global.ts'],
    testTimeout: 600_000,
    hookTimeout: 300_000,
  },
});
