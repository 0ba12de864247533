import { defineConfig } from 'vitest/config';

/**
 * Two projects, one per database driver (src/main/db/driver.ts): the back end's
 * integration tests run under each. Tests that do not touch the database
 * (the window's units, the packaging and Electron shell, the layer lint) run
 * once, under the platform's driver; so does the ten-year backup round trip,
 * which takes minutes (tests/main/db/drivers.test.ts proves backups cross
 * between the drivers both ways).
 */
const driverIndependent = ['tests/renderer/**', 'tests/shared/**', 'tests/main/electron/**', 'tests/main/lint-layers.test.ts'];
const onceOnly = ['tests/main/backups/ten-year-round-trip.test.ts', 'tests/main/db/drivers.test.ts'];

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // One encrypted database per test file; the machine has two cores.
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'journeyapps',
          include: ['tests/main/**/*.test.ts', 'tests/renderer/**/*.test.ts', 'tests/shared/**/*.test.ts'],
          env: { DVPP_DB_DRIVER: 'journeyapps' },
        },
      },
      {
        extends: true,
        test: {
          name: 'bs3mc',
          include: ['tests/main/**/*.test.ts'],
          exclude: [...driverIndependent, ...onceOnly],
          env: { DVPP_DB_DRIVER: 'bs3mc' },
        },
      },
    ],
  },
});
