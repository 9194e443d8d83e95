#!/usr/bin/env node
// Thin launcher. In a checkout, the compiled sources in dist/ (built by `npm ci` through
// `prepare`, and by `npm run build`); in the npm package, which ships no dist/, the bundle in
// dist-action/ (everything it needs, in its chunks: no dependencies to install).
import { existsSync } from 'node:fs';

const built = new URL('../dist/src/cli/main.js', import.meta.url);
const bundled = new URL('../dist-action/tpsync.mjs', import.meta.url);
if (existsSync(built)) await import(built.href);
else if (existsSync(bundled)) await import(bundled.href);
else {
  process.stderr.write('tpsync: the build output is missing; run `npm run build` (or `npm ci`) first.\n');
  process.exit(1);
}
