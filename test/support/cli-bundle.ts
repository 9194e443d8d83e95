/**
 * The command line as one bundle of today's sources, for the tests that start it as a process
 * (spawn-cli.ts): built once per test run (vitest's globalSetup, below) into dist/test-cli/ with
 * the release bundle's settings (scripts/bundle.mjs). A process loads it in a fraction of the time
 * it takes to load the ~250 compiled modules of dist/, and it runs what the npm package and the
 * Action ship: the same entry (src/cli/main.ts), bundled. The committed bundle in dist-action/ is
 * checked against the sources by bundle.test.ts; bin/tpsync.js and dist/ by the tests that name
 * them (emulator/cli.test.ts, lazy-imports.test.ts).
 */
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { bundle } from '../../scripts/bundle.mjs';
import { CLI } from './spawn-cli.js';

const OUT_DIR = dirname(CLI);

/**
 * vitest's globalSetup: bundles the sources into dist/test-cli/ (CLI is its entry) before any test
 * file runs. Each file is replaced whole (written beside, then renamed), so that a run started
 * meanwhile never loads half a file; chunks no longer made are removed.
 */
export async function setup(): Promise<void> {
  const { files } = await bundle();
  const written = new Set<string>();
  for (const [path, text] of files) {
    const out = join(OUT_DIR, path.replace(/^dist-action\//, ''));
    await mkdir(dirname(out), { recursive: true });
    await writeFile(`${out}.${process.pid}`, text);
    await rename(`${out}.${process.pid}`, out);
    written.add(out);
  }
  const chunks = join(OUT_DIR, 'chunks');
  for (const name of await readdir(chunks)) if (!written.has(join(chunks, name))) await rm(join(chunks, name), { force: true });
}
