import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/main/**/*.test.ts', 'tests/renderer/**/*.test.ts', 'tests/shared/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // One encrypted database per test file; the machine has two cores.
    pool: 'forks',
  },
});
