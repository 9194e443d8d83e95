import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Tests start real HTTP servers on port 0; a few files at a time keeps a 2-core CI machine steady.
    maxWorkers: 4,
  },
});
