import { defineConfig } from 'vitest/config';

/**
 * The test set Stryker runs (stryker.config.mjs): one driver (journeyapps: the
 * mutated code is above the driver seam, so the second driver would only double
 * the time) and only the test files named for the mutated files, listed in
 * STRYKER_TESTS by the Stryker config. Not used by `npm test`.
 */
const tests = (process.env.STRYKER_TESTS ?? '').split(',').filter(Boolean);

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    include: tests.length ? tests : ['tests/main/security/**/*.test.ts'],
    env: { DVPP_DB_DRIVER: 'journeyapps' },
  },
});
