import { defineConfig } from 'vitest/config';

// One migrated database with the demo province is made once (global setup); each test file gets
// its own copy (a PGlite folder dump, or a PostgreSQL database created from a template).
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    env: { TZ: process.env.TZ ?? 'UTC' },
  },
});
