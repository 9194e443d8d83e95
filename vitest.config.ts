import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // The command line bundled once, for the tests that start it as a process (test/support/cli-bundle.ts).
    globalSetup: ['test/support/cli-bundle.ts'],
    // Tests start real HTTP servers on port 0; a few files at a time keeps a 2-core CI machine steady.
    maxWorkers: 4,
    // The files of a worker share one module graph: the sources are loaded once per worker, not
    // once per file. No test changes a module's state for another (no vi.mock; the in-process
    // command line puts the cwd, the variables and @actions/core's summary back: run-cli.ts).
    isolate: false,
  },
});
