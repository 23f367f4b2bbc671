import { defineConfig } from 'vitest/config';

// Browser tests: a real server process on a fresh embedded database, driven by Debian's chromium.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // A cold server's first page (bundles, demo queries) can take longer than the 1 s default.
    expect: { poll: { timeout: 15_000 } },
  },
});
